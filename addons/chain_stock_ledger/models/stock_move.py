from odoo import models, tools

# changes to a done move that change a ledger balance taken after its date
LEDGER_FIELDS = {"date", "quantity", "product_uom_qty", "product_uom", "location_id", "location_dest_id",
                 "product_id", "state", "picking_type_id"}  # fmt: skip


class StockMove(models.Model):
    _inherit = "stock.move"
    _chain_guarded_fields = {}  # no field of its own

    def init(self):
        """Indexes of the stock ledger (``report/chain_stock_ledger_query.py``): a store's done moves
        in and out, by date, so that its ledger reads its own moves only."""
        res = super().init()
        for column in ("location_dest_id", "location_id"):
            tools.create_index(
                self.env.cr,
                f"stock_move_chain_ledger_{column}_date_index",
                self._table,
                [column, "date"],
                where="state = 'done'",
            )
        return res

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        self._chain_ledger_touch(moves)
        return moves

    def write(self, vals):
        touched = self.filtered(lambda m: m.state == "done") if LEDGER_FIELDS & set(vals) else self.browse()
        before = min(touched.mapped("date"), default=None)
        res = super().write(vals)
        if touched:
            self._chain_ledger_touch(touched, before)
        return res

    def _chain_ledger_touch(self, moves, before=None):
        """A done move dated before a ledger balance changes that balance: forget it."""
        dates = [d for d in [*moves.filtered(lambda m: m.state == "done").mapped("date"), before] if d]
        if dates:
            self.env["chain.stock.ledger.balance"]._chain_invalidate(min(dates))
