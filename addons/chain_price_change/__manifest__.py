# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Price Changes",
    "summary": "Price change requests (调价): list price or store/region pricelist, approval, "
    "applied on the effective date, price history per product",
    "version": "18.0.1.0.1",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_price_change_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/chain_price_change_views.xml",
        "views/chain_price_history_views.xml",
        "views/chain_store_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/chain_price_change_wizard_views.xml",
        "views/chain_price_change_menus.xml",
    ],
    "installable": True,
}
