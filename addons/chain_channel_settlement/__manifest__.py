# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Channel Settlements",
    "summary": "Marketplace settlements: channel orders invoiced to the platform, fund-flow statements "
    "imported into the platform wallet journal, matched to invoices by platform order id, fees posted, "
    "payouts matched to the bank",
    "version": "18.0.1.0.0",
    "category": "Accounting/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_channel", "chain_account_store", "account", "sale_stock"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/ir.model.access.csv",
        "security/chain_channel_settlement_rules.xml",
        "data/chain_channel_settlement_mapping_data.xml",
        "data/ir_cron_data.xml",
        "views/chain_channel_views.xml",
        "views/chain_channel_settlement_views.xml",
        "views/chain_channel_settlement_line_views.xml",
        "views/chain_channel_settlement_mapping_views.xml",
        "views/res_company_views.xml",
        "wizards/chain_channel_settlement_import_views.xml",
        "views/chain_channel_settlement_menus.xml",
    ],
    "installable": True,
}
