# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Channel Settlements: Youzan",
    "summary": "Youzan's fund flow pulled through its API into the channel shop's settlements, "
    "and the settlement API in the local Youzan simulator",
    "version": "18.0.1.0.0",
    "category": "Accounting/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_channel_settlement", "chain_channel_youzan"],
    "external_dependencies": {"python": ["requests"]},
    "data": ["views/chain_channel_views.xml"],
    "auto_install": True,
    "installable": True,
}
