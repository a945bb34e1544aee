# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Formula Deposits in the Stock Ledger and Counts",
    "summary": "The purchase-sales-inventory ledger and the stock counts show, per store and product, "
    "the units members deposited there and have not picked up yet (still on hand, already paid for)",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_member_prepaid", "chain_stock_ledger", "chain_stock_count"],
    "data": [
        "views/chain_stock_ledger_line_views.xml",
        "views/chain_stock_count_line_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
