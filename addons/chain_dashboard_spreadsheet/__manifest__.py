# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Dashboard Spreadsheet",
    "summary": "The chain's KPIs in the Dashboards app: sales, tickets, margin, store ranking, "
    "daily sales, top categories and stock by store, each user seeing their own stores",
    "version": "18.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_dashboard", "spreadsheet_dashboard"],
    "data": [
        "data/spreadsheet_dashboard_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "chain_dashboard_spreadsheet/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
