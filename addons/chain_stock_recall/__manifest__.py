# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Recalls",
    "summary": "Product recalls traced to every store, shelf, supplier receipt and customer (POS and sales)",
    "version": "18.0.1.0.2",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_stock_expiry", "sale_stock", "report_xlsx"],
    "data": [
        "security/chain_stock_recall_groups.xml",
        "security/ir.model.access.csv",
        "security/chain_stock_recall_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "views/chain_recall_views.xml",
        "views/chain_recall_line_views.xml",
        "views/stock_lot_views.xml",
        "wizards/chain_recall_waive_wizard_views.xml",
        "report/chain_recall_reports.xml",
        "views/chain_stock_recall_menus.xml",
    ],
    "installable": True,
}
