# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Members at the Till",
    "summary": "Find, enroll and serve members at the POS: server-side lookup, points redemption "
    "only with the member's QR code or an SMS one-time code, the ledger balance on the loyalty card",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_member", "point_of_sale", "pos_loyalty", "sms"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_pos_member_rules.xml",
        "data/product_data.xml",
        "views/res_config_settings_views.xml",
        "views/chain_member_proof_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_pos_member/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_pos_member/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_pos_member/static/src/utils/*.js",
            "chain_pos_member/static/tests/unit/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
