# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain After-Sales Cases",
    "summary": "After-sales cases and complaints (售后/客诉) on OCA helpdesk tickets: a team per store, "
    "member, POS line, product and lot, SLA per category escalated to the region manager then the "
    "quality team, private health details, lot alerts and reports",
    "version": "18.0.1.0.1",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_member", "chain_stock_recall", "helpdesk_mgmt", "point_of_sale", "report_xlsx"],
    "data": [
        "security/chain_crm_service_groups.xml",
        "security/ir.model.access.csv",
        "security/chain_crm_service_rules.xml",
        "data/helpdesk_ticket_category_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/res_company_views.xml",
        "views/helpdesk_ticket_actions_views.xml",
        "wizards/chain_crm_case_compensate_wizard_views.xml",
        "report/helpdesk_ticket_report_views.xml",
        "views/chain_crm_service_menus.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "chain_crm_service/static/src/**/*",
        ],
        "web.assets_tests": [
            "chain_crm_service/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "chain_crm_service/static/src/utils/*.js",
            "chain_crm_service/static/tests/unit/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
