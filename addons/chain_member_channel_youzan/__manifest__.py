# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Members: Youzan Customers",
    "summary": "Youzan customer messages (a customer created, a mobile bound) link the buyer's Youzan account "
    "to the member with that mobile, so that her Youzan orders attach to her",
    "version": "18.0.1.0.0",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_member_channel", "chain_channel_youzan"],
    "auto_install": True,
    "installable": True,
}
