# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Stock Counts",
    "summary": "Store stock counts (盘点): plans, cyclic ABC counts, blind counting on a phone, recounts, "
    "approval before the variance is applied",
    "version": "18.0.1.0.1",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_stock_expiry"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_stock_count_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/chain_stock_count_line_views.xml",
        "views/chain_stock_count_views.xml",
        "views/chain_stock_count_plan_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/chain_stock_count_scan_views.xml",
        "views/chain_stock_count_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "chain_stock_count/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
