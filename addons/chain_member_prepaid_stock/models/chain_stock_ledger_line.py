from odoo import fields, models

QTY = "Product Unit of Measure"


class ChainStockLedgerLine(models.TransientModel):
    _inherit = "chain.stock.ledger.line"
    _chain_guarded_fields = {}  # a computed figure, read-only

    chain_deposit_qty = fields.Float(
        string="Deposited, Not Picked Up",
        digits=QTY,
        compute="_compute_chain_deposit_qty",
        help="Units of the closing stock that members paid for as formula deposits in this store and "
        "have not picked up at the end of the period (they may pick them up in any store).",
    )

    def _compute_chain_deposit_qty(self):
        for ledger in self.ledger_id:
            lines = self.filtered(lambda line, ledger=ledger: line.ledger_id == ledger)
            if ledger.by_lot:  # a deposit has no lot until it is picked up
                lines.chain_deposit_qty = 0.0
                continue
            deposited = self.env["chain.member.deposit"]._chain_deposited_at(
                lines.store_id, lines.product_id, ledger.date_to
            )
            for line in lines:
                line.chain_deposit_qty = deposited.get((line.store_id.id, line.product_id.id), 0.0)
        (self - self.filtered("ledger_id")).chain_deposit_qty = 0.0
