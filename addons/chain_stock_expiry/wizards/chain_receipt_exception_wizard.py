from odoo import _, fields, models
from odoo.exceptions import AccessError


class ChainReceiptExceptionWizard(models.TransientModel):
    _name = "chain.receipt.exception.wizard"
    _description = "Accept Short-Dated Goods"

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
        for lot in self.move_line_ids.lot_id:
            lot.sudo().chain_receipt_exception = self.reason  # sudo: readonly audit field, right checked above
        for picking in self.picking_ids:
            picking.message_post(
                body=_(
                    "Short-dated goods accepted by %(user)s: %(reason)s\n%(lines)s",
                    user=self.env.user.name,
                    reason=self.reason,
                    lines=self.summary or "",
                )
            )
        return self.picking_ids.with_context(skip_expired=self.env.context.get("skip_expired")).button_validate()
