# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Suite: Adversarial Tests",
    "summary": "Test addon: every chain role, over real RPC, against every guarantee of every chain addon",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store"],
    "data": [],
    "installable": True,
}
