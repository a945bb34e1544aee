# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Approvals: Promotions",
    "summary": "Promotions and loyalty programs wait for their approval before they go live in the stores",
    "version": "18.0.1.0.1",
    "category": "Sales/Loyalty",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_approval", "loyalty"],
    "data": ["security/ir.model.access.csv", "views/loyalty_program_views.xml"],
    "demo": ["demo/chain_approval_loyalty_demo.xml"],
    "auto_install": True,
    "installable": True,
}
