# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Stores",
    "summary": "Stores, regions and store-scoped access for a retail chain",
    "version": "18.0.1.0.0",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": ["stock", "point_of_sale"],
    "data": [
        "security/chain_store_groups.xml",
        "security/ir.model.access.csv",
        "security/chain_store_rules.xml",
        "views/chain_store_views.xml",
        "views/chain_store_region_views.xml",
        "views/chain_store_tag_views.xml",
        "views/res_users_views.xml",
        "views/stock_warehouse_views.xml",
        "views/pos_config_views.xml",
        "views/chain_store_menus.xml",
    ],
    "installable": True,
}
