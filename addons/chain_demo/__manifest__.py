# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Demo",
    "summary": "Chain demo: a believable mother-and-baby chain",
    "version": "18.0.1.0.0",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store", "chain_stock_expiry", "chain_stock_recall", "chain_pos_expiry", "purchase"],
    "data": [],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/chain_store_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_category_demo.xml",
        "demo/chain_shelf_life_policy_demo.xml",
        "demo/chain_pos_expiry_demo.xml",
        "demo/product_template_demo.xml",
        "demo/chain_demo_stock_demo.xml",
        "demo/chain_recall_demo.xml",
    ],
    "installable": True,
}
