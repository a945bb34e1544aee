# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Channel: Youzan",
    "summary": "Youzan (有赞) shop on the channel core: signed push messages, order pull by update window, "
    "stock updates at the published rate, and a local Youzan simulator for tests and demos",
    "version": "18.0.1.0.2",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_channel"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "views/chain_channel_views.xml",
    ],
    "installable": True,
}
