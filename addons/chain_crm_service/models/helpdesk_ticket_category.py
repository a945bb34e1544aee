from odoo import fields, models

CASE_KINDS = [
    ("quality", "Quality Issue"),
    ("safety", "Safety / Adverse Reaction"),
    ("allergy", "Allergy"),
    ("wrong_goods", "Wrong or Missing Goods"),
    ("service", "Service"),
    ("delivery", "Delivery"),
]


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"
    _chain_guarded_fields = {}  # configuration of the quality team (helpdesk managers), no workflow field

    chain_kind = fields.Selection(CASE_KINDS, string="Case Kind", index=True)
    chain_first_answer_hours = fields.Float(
        string="First Answer within (Hours)",
        help="A case of this category must get its first answer to the customer within so many hours "
        "of its creation; past it, the case is escalated to the store's region manager.",
    )
    chain_resolve_hours = fields.Float(
        string="Resolve within (Hours)",
        help="A case of this category must be solved within so many hours of its creation; past it, "
        "the case is escalated to the quality team.",
    )
    chain_health = fields.Boolean(
        string="Health Details",
        help="Cases of this category carry health details (symptoms, medical visit), readable only by "
        "the case's owner, the store's manager and the quality team.",
    )
