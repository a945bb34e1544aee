from odoo import fields, models

from odoo.addons.chain_stock_count.models.chain_stock_count_line import MANAGERS


class ChainStockCountLine(models.Model):
    _inherit = "chain.stock.count.line"
    _chain_guarded_fields = {}  # a computed figure, read-only

    chain_deposit_qty = fields.Float(
        string="Deposited, Not Picked Up",
        digits="Product Unit of Measure",
        compute="_compute_chain_deposit_qty",
        groups=MANAGERS,  # a hint of the expected stock: not for a blind counter
        help="Units of this product members paid for as formula deposits in this store and have not "
        "picked up yet: they are on hand and counted, but already sold.",
    )

    def _compute_chain_deposit_qty(self):
        today = fields.Date.context_today(self)
        deposited = self.env["chain.member.deposit"]._chain_deposited_at(self.store_id, self.product_id, today)
        for line in self:
            line.chain_deposit_qty = 0.0 if line.lot_id else deposited.get((line.store_id.id, line.product_id.id), 0.0)
