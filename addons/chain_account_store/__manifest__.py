# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Store Accounting",
    "summary": "Stores as analytic accounts: store P&L, store distribution on sales, stock and bills",
    "version": "18.0.1.0.0",
    "category": "Accounting/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": [
        "chain_store",
        "account",
        "stock_account",
        "point_of_sale",
        "purchase_stock",
        "chain_stock_transfer",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_account_store_rules.xml",
        "data/account_analytic_plan_data.xml",
        "views/chain_store_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/chain_store_pnl_views.xml",
        "views/chain_account_store_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
