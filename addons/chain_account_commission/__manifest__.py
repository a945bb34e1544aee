# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Commission Accrual",
    "summary": "Approved monthly commission statements accrue the store's commission expense",
    "version": "18.0.1.0.0",
    "category": "Accounting/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_account_store", "chain_pos_commission"],
    "data": [
        "views/res_config_settings_views.xml",
        "views/chain_commission_statement_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
