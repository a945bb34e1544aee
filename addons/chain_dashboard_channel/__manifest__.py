# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Dashboard: Channel Sales",
    "summary": "Online channel sales on the chain dashboard: daily summaries per store and channel, "
    "a filter per channel, drill-down to the channel orders",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_dashboard", "chain_channel"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_dashboard_channel_rules.xml",
        "views/chain_dashboard_channel_daily_views.xml",
        "views/chain_dashboard_channel_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "auto_install": True,
    "installable": True,
}
