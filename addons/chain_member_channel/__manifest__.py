# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Members: Channel Orders",
    "summary": "Online channel orders attach to members (platform identity, then mobile), earn points "
    "when delivered, take them back on a refund, and count in the tiers' spend",
    "version": "18.0.1.0.0",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_member", "chain_channel"],
    "data": [
        "security/res_partner_rules.xml",
        "views/chain_channel_views.xml",
        "views/chain_member_points_line_views.xml",
        "views/sale_order_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
