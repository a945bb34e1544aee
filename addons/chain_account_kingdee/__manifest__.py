# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Accounting: Kingdee EAS Ledger",
    "summary": "Each day's journal items, summarized per store and account, sent as a voucher to the "
    "group ledger in Kingdee EAS over SOAP, with an account mapping and a log per day",
    "version": "18.0.1.0.0",
    "category": "Accounting/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_account_store", "account"],
    "external_dependencies": {"python": ["zeep", "lxml", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/chain_account_kingdee_rules.xml",
        "data/ir_cron_data.xml",
        "views/chain_kingdee_connection_views.xml",
        "views/chain_kingdee_account_map_views.xml",
        "views/chain_kingdee_day_views.xml",
        "views/chain_kingdee_send_wizard_views.xml",
        "views/chain_account_kingdee_menus.xml",
    ],
    "installable": True,
}
