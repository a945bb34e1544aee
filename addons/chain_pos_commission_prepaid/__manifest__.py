# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Guide Commission: Member Prepayments",
    "summary": "Commission bonuses for the guide of a stored-value top-up or a formula deposit sold at the till",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_pos_commission", "chain_member_prepaid"],
    "auto_install": True,
    "installable": True,
}
