from odoo import fields, models


class ChainApprovalRejectWizard(models.TransientModel):
    _name = "chain.approval.reject.wizard"
    _description = "Reject an Approval"
    _chain_guarded_fields = {}  # rejects through the request's own method

    request_id = fields.Many2one("chain.approval.request", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        self.request_id.action_chain_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
