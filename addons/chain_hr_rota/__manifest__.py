# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain HR Rota",
    "summary": "Weekly rota per store (排班): shift templates, night shifts over midnight, coverage per hour "
    "from POS tickets, rest and overtime rules, shift swaps, attendance against the rota",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["chain_hr_store", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/chain_hr_rota_rules.xml",
        "data/ir_cron_attendance_check.xml",
        "views/chain_hr_shift_template_views.xml",
        "wizards/chain_hr_rota_copy_wizard_views.xml",  # before the rota form, whose button opens it
        "views/chain_hr_rota_views.xml",
        "views/chain_hr_rota_line_views.xml",
        "views/chain_hr_coverage_rule_views.xml",
        "views/chain_hr_shift_swap_views.xml",
        "views/res_config_settings_views.xml",
        "views/chain_hr_attendance_check_views.xml",
        "views/chain_hr_attendance_check_report_views.xml",
        "report/chain_hr_attendance_reports.xml",
        "views/chain_hr_rota_grid_views.xml",
        "views/chain_hr_rota_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "chain_hr_rota/static/src/grid/**/*",
        ],
        "web.assets_tests": [
            "chain_hr_rota/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_hr_rota/static/src/grid/grid_utils.js",
            "chain_hr_rota/static/tests/unit/grid*.test.js",
        ],
    },
    "installable": True,
}
