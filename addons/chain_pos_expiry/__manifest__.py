# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain POS Lot and Expiry Control",
    "summary": "The POS never sells an expired unit and always records the lot: GS1 scan, FEFO lot list, "
    "manager override, server-side rule at order sync",
    "version": "18.0.1.1.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_stock_expiry", "point_of_sale"],
    "data": [
        "security/ir.model.access.csv",
        "views/pos_order_views.xml",
        "views/product_category_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/chain_pos_lot_accept_wizard_views.xml",
        "views/chain_pos_expiry_menus.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_pos_expiry/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_pos_expiry/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_pos_expiry/static/src/utils/*.js",
            "chain_pos_expiry/static/tests/unit/**/*",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
