# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Chain After-Sales Cases: Channel Refunds",
    "summary": "A refund requested on an online channel with a reason opens an after-sales case "
    "(sale order, the store that ships it, the member), once per platform order and refund",
    "version": "18.0.1.0.0",
    "category": "Sales/Chain",
    "website": "https://github.com/chain-retail/chain",
    "author": "Chain",
    "maintainers": ["chain-retail"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["chain_crm_service", "chain_channel"],
    "data": [
        "views/helpdesk_ticket_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
