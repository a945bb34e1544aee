# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain Store Leads - Formula Deposits",
    "summary": "Follow-up plans started when a member's formula deposit is running low",
    "version": "18.0.1.0.0",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_crm_store", "chain_member_prepaid"],
    "data": [
        "views/chain_crm_followup_plan_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
