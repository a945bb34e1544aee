from odoo import _, fields, models
from odoo.exceptions import AccessError


class ChainReceiptExceptionWizard(models.TransientModel):
    _name = "chain.receipt.exception.wizard"
    _description = "Accept Short-Dated Goods"
    _chain_guarded_fields = {}  # the user's input; action_accept checks the right

    picking_ids = fields.Many2many("stock.picking", string="Transfers")
    move_line_ids = fields.Many2many("stock.move.line", string="Short-Dated Lines")
    summary = fields.Text(readonly=True)
    reason = fields.Text(required=True, help="Why these lots are accepted anyway (recorded on each lot).")

    def action_accept(self):
        """Record the reason on each short-dated line (and so on its lot) and validate."""
        self.ensure_one()
        if not self.env.user.has_group("chain_stock_expiry.group_chain_expiry_exception"):
            raise AccessError(_("You are not allowed to accept short-dated goods."))
        self.move_line_ids.write({"chain_receipt_exception": self.reason})
        self.move_line_ids.lot_id._chain_record_receipt_exception(self.reason)
        for picking in self.picking_ids:
            picking.message_post(
                body=_(
                    "Short-dated goods accepted by %(user)s: %(reason)s\n%(lines)s",
                    user=self.env.user.name,
                    reason=self.reason,
                    lines=self.summary or "",
                )
            )
        # Odoo's own confirmation of expired lots, if any, follows (never skipped by a client's context)
        return self.picking_ids.button_validate()
