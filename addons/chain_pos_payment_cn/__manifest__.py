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
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_pos_payment_cn/static/src/**/*",
        ],
    },
    "installable": True,
}
