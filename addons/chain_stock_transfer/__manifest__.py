# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Inter-Store Transfers",
    "summary": "Transfers between stores and the distribution centre: FEFO lots that meet the receiving "
    "side's shelf-life minimum, in-transit stock, receipt with discrepancies settled",
    "version": "18.0.1.0.1",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_stock_expiry"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_stock_transfer_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "views/chain_stock_transfer_views.xml",
        "views/chain_stock_transfer_discrepancy_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/chain_stock_transfer_receive_wizard_views.xml",
        "wizards/chain_stock_transfer_settle_wizard_views.xml",
        "views/chain_stock_transfer_menus.xml",
    ],
    "installable": True,
}
