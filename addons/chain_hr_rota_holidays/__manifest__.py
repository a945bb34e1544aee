# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain HR Rota - Time Off",
    "summary": "Glue: a validated time off on the day of a shift is shown on the rota and blocks publishing",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_hr_rota", "hr_holidays"],
    "auto_install": True,
    "installable": True,
}
