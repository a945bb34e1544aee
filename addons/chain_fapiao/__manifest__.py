# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Fapiao",
    "summary": "Fapiao (发票) for POS orders: requests at the till or from the receipt's QR code, invoicing "
    "also after the session closed, the fapiao register with red-letter reversal, the tax bureau's "
    "issued-invoice file and the to-do of invoices without fapiao",
    "version": "18.0.1.0.0",
    "category": "Accounting/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_account_store", "point_of_sale", "mail"],
    "external_dependencies": {"python": ["lxml"]},
    "data": [
        "security/ir.model.access.csv",
        "security/chain_fapiao_rules.xml",
        "data/ir_cron_data.xml",
        "views/chain_fapiao_request_views.xml",
        "views/chain_fapiao_views.xml",
        "views/account_move_views.xml",
        "views/pos_order_views.xml",
        "views/res_company_views.xml",
        "views/chain_fapiao_templates.xml",
        "wizards/chain_fapiao_import_wizard_views.xml",
        "views/chain_fapiao_menus.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_fapiao/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_fapiao/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_fapiao/static/src/utils/*.js",
            "chain_fapiao/static/tests/unit/**/*",
        ],
    },
    "installable": True,
}
