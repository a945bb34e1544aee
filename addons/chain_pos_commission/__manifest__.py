# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Guide Commission",
    "summary": "Guide (导购) on every POS line, commission rules by product, brand, category or formula stage, "
    "tiers by monthly target, refunds clawed back, monthly statements approved and exported for payroll",
    "version": "18.0.1.0.0",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_hr_store", "pos_hr", "chain_member", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_pos_commission_rules.xml",
        "security/chain_commission_my_rules.xml",
        "data/hr_job_data.xml",
        "views/chain_commission_rule_views.xml",
        "views/chain_commission_target_views.xml",
        "views/chain_commission_statement_views.xml",
        "views/hr_job_views.xml",
        "views/pos_order_views.xml",
        "report/chain_commission_statement_reports.xml",
        "views/chain_pos_commission_menus.xml",
        "views/chain_commission_my_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_pos_commission/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_pos_commission/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_pos_commission/static/src/utils/*.js",
            "chain_pos_commission/static/tests/unit/**/*",
        ],
    },
    "installable": True,
}
