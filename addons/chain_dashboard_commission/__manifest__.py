# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Dashboard: Targets",
    "summary": "Monthly target achievement to date per store on the chain dashboard: sales, members "
    "enrolled and formula share against the store's targets",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_dashboard", "chain_pos_commission"],
    "assets": {
        "web.assets_backend": [
            "chain_dashboard_commission/static/src/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
