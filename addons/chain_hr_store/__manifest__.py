# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Store Staff",
    "summary": "Employees of a store: jobs, store-scoped access without private data, a kiosk per store",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_store", "hr", "hr_attendance"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_hr_store_rules.xml",
        "data/hr_job_data.xml",
        "views/hr_employee_views.xml",
        "views/chain_store_views.xml",
        "views/chain_hr_store_menus.xml",
    ],
    "installable": True,
}
