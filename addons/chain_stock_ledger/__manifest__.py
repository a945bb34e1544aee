# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Stock Ledger",
    "summary": "Purchase-sales-inventory ledger (进销存) per store, product and lot, in quantity and value",
    "version": "18.0.1.0.2",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store", "stock_account", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_stock_ledger_rules.xml",
        "data/ir_cron_data.xml",
        "report/chain_stock_ledger_line_views.xml",
        "wizards/chain_stock_ledger_views.xml",
        "report/chain_stock_ledger_reports.xml",
        "views/chain_stock_ledger_menus.xml",
    ],
    "installable": True,
}
