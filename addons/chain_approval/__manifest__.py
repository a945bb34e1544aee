# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Approvals",
    "summary": "Approval rules consultants configure without code on any document's button: tiers of "
    "store, region and chain managers fixed at request time, escalation, delegation, one inbox",
    "version": "18.0.1.0.3",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store", "base_tier_validation", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_approval_rules.xml",
        "data/ir_cron_data.xml",
        "views/chain_approval_rule_views.xml",
        "views/chain_approval_request_views.xml",
        "views/chain_approval_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "chain_approval/static/tests/tours/**/*",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
