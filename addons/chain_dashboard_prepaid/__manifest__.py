# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Dashboard: Member Prepayments",
    "summary": "The outstanding prepaid liability per store on the chain dashboard: formula deposits "
    "not yet picked up and service card uses not yet given, each drilling down to its records",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_dashboard", "chain_member_prepaid"],
    "assets": {
        "web.assets_backend": [
            "chain_dashboard_prepaid/static/src/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
