# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain POS: WeChat Pay and Alipay Payment Codes",
    "summary": "Scan the customer's WeChat Pay or Alipay payment code (付款码) at the till: signed provider "
    "calls, user-paying polling, reverse/cancel, refunds, daily bill reconciliation, local simulators",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store", "point_of_sale"],
    "external_dependencies": {"python": ["requests", "cryptography"]},
    "data": [
        "security/ir.model.access.csv",
        "security/chain_pos_payment_cn_rules.xml",
        "security/chain_pay_cn_statement_rules.xml",
        "data/ir_cron_data.xml",
        "data/ir_cron_statement_data.xml",
        "views/chain_pay_cn_account_views.xml",
        "views/chain_pay_cn_transaction_views.xml",
        "views/chain_pay_cn_statement_views.xml",
        "views/chain_pos_payment_cn_menus.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_pos_payment_cn/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_pos_payment_cn/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_pos_payment_cn/static/src/utils/*.js",
            "chain_pos_payment_cn/static/tests/unit/**/*",
        ],
    },
    "installable": True,
}
