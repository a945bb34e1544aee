# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Member Prepayments",
    "summary": "Stored value, formula deposits and service count cards of members, "
    "held as customer-deposit liabilities until used at the till",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_pos_member", "pos_loyalty", "account", "hr"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_member_prepaid_rules.xml",
        "data/product_data.xml",
        "security/chain_member_deposit_rules.xml",
        "security/chain_member_service_card_rules.xml",
        "data/chain_member_deposit_data.xml",
        "data/chain_member_service_card_data.xml",
        "views/chain_member_deposit_views.xml",
        "views/chain_member_service_card_views.xml",
        "views/res_config_settings_deposit_views.xml",
        "views/res_config_settings_views.xml",
        "views/chain_member_wallet_line_views.xml",
        "views/chain_prepaid_topup_rule_views.xml",
        "views/chain_member_wallet_refund_views.xml",
        "views/chain_member_views.xml",
        "views/chain_member_prepaid_menus.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_member_prepaid/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_member_prepaid/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_member_prepaid/static/src/wallet/wallet_rules.js",
            "chain_member_prepaid/static/src/deposit/deposit_rules.js",
            "chain_member_prepaid/static/tests/unit/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
