# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Approvals: Purchase Orders",
    "summary": "Approval rules on purchase orders through OCA's purchase_tier_validation: orders know "
    "their store, so rules test the store and region and go to the store's and region's managers",
    "version": "18.0.1.1.1",
    "category": "Inventory/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_approval", "purchase_tier_validation"],
    "data": ["views/purchase_order_views.xml"],
    "installable": True,
}
