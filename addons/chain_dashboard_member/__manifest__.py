# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Dashboard: Members",
    "summary": "Member figures on the chain dashboard: members' share of sales, new and active members "
    "per store, follow-up conversion, each drilling down to its records",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_dashboard", "chain_member"],
    "assets": {
        "web.assets_backend": [
            "chain_dashboard_member/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_dashboard_member/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
