# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Dashboard: Members' Channel Sales",
    "summary": "The members' share of sales on the dashboard counts the online channel orders of members too",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_dashboard_member", "chain_dashboard_channel"],
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
