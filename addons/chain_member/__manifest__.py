# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Members",
    "summary": "Members (会员) shared by every store: normalized mobile, consent, identities, "
    "points ledger with first-in-first-out expiry, tiers from the rolling year's spend",
    "version": "18.0.1.0.0",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_store", "point_of_sale"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_member_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        # the member form opens the adjustment wizard's action
        "wizards/chain_member_points_adjust_views.xml",
        "views/chain_member_views.xml",
        "views/chain_member_tier_views.xml",
        "views/chain_member_points_line_views.xml",
        "views/chain_member_tier_history_views.xml",
        "views/res_company_views.xml",
        "views/chain_member_menus.xml",
    ],
    "installable": True,
}
