from odoo import fields, models


class ChainCrmCaseCompensateWizard(models.TransientModel):
    """Points given to the member of an after-sales case, with the reason (once per case)."""

    _name = "chain.crm.case.compensate.wizard"
    _description = "Compensate a Case in Points"
    _chain_guarded_fields = {}  # a form that calls the case's action: no state of its own

    ticket_id = fields.Many2one("helpdesk.ticket", string="Case", required=True, ondelete="cascade")
    member_id = fields.Many2one(related="ticket_id.chain_member_id", string="Member")
    points = fields.Integer(required=True, default=100)
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._chain_compensate_points(self.points, self.reason)
        return {"type": "ir.actions.act_window_close"}
