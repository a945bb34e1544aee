# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Sales Channels",
    "summary": "Online shops as sales channels: signed webhooks stored once, orders created and "
    "cancelled from channel messages, sellable stock pushed back with retries",
    "version": "18.0.1.0.0",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_store", "chain_stock_expiry", "sale_stock", "queue_job"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/chain_channel_groups.xml",
        "security/ir.model.access.csv",
        "security/chain_channel_rules.xml",
        "security/chain_channel_allocation_rules.xml",
        "data/ir_cron_data.xml",
        "data/ir_cron_pull_data.xml",
        "data/ir_cron_reconcile_stock_data.xml",
        "views/chain_channel_views.xml",
        "views/chain_channel_message_views.xml",
        "views/chain_channel_outbox_views.xml",
        "views/chain_channel_route_views.xml",
        "views/chain_channel_pull_views.xml",
        "views/chain_channel_menus.xml",
        "views/chain_channel_mapping_views.xml",
        "views/chain_channel_allocation_views.xml",
    ],
    "installable": True,
}
