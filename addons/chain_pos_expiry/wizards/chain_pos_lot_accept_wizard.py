from odoo import fields, models

from ..models.pos_order_line import OVERRIDE_REASONS


class ChainPosLotAcceptWizard(models.TransientModel):
    _name = "chain.pos.lot.accept.wizard"
    _description = "Accept a POS Order Refused for its Lots"
    _chain_guarded_fields = {}  # a manager's input; the order's method checks the manager

    order_id = fields.Many2one("pos.order", required=True, readonly=True, ondelete="cascade")
    message = fields.Text(related="order_id.chain_expiry_message")
    reason = fields.Selection(OVERRIDE_REASONS, required=True)
    note = fields.Char(help="What you checked, for the record (shown on the order lines and in the chatter).")

    def action_accept(self):
        self.ensure_one()
        self.order_id._chain_accept_refused(self.reason, self.note)
        return {"type": "ir.actions.act_window_close"}
