from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # settings: their access rights are the guard

    chain_requisition_approval = fields.Boolean(
        string="Approve Store Requisitions",
        help="Submitted store requisitions wait for a store manager's approval before the DC allocates them.",
    )
    chain_allocation_approval = fields.Boolean(
        string="Approve DC Allocations",
        help="Submitted DC allocations wait for a manager's approval before the DC ships them.",
    )
    chain_replenish_history_days = fields.Integer(
        string="Sales History (days)",
        default=56,
        help="Number of past days of sales the replenishment forecast reads (28 to 56 is usual).",
    )
