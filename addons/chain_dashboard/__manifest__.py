# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Dashboard",
    "summary": "Chain, region and store dashboard of sales, tickets and margin read from daily "
    "summary tables kept up to date as POS sessions close",
    "version": "18.0.1.1.1",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store", "point_of_sale", "report_xlsx", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_dashboard_rules.xml",
        "data/ir_cron_data.xml",
        "views/chain_dashboard_daily_views.xml",
        "views/chain_dashboard_subscription_views.xml",
        "report/chain_dashboard_reports.xml",
        "views/chain_dashboard_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "chain_dashboard/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_dashboard/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
