from odoo import models, tools


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"
    _chain_guarded_fields = {}  # no field of its own

    def init(self):
        """Indexes of the stock ledger per lot (``report/chain_stock_ledger_query.py``): a store's done
        move lines in and out, by date."""
        res = super().init()
        for column in ("location_dest_id", "location_id"):
            tools.create_index(
                self.env.cr,
                f"stock_move_line_chain_ledger_{column}_date_index",
                self._table,
                [column, "date"],
                where="state = 'done'",
            )
        return res

    def write(self, vals):
        touched = (
            self.filtered(lambda ml: ml.state == "done")
            if {"quantity", "lot_id", "location_id", "location_dest_id", "date", "product_id"} & set(vals)
            else self.browse()
        )
        dates = touched.mapped("date")
        res = super().write(vals)
        if touched:
            # a done line dated before a ledger balance (per lot) changes it: forget it
            self.env["chain.stock.ledger.balance"]._chain_invalidate(min(dates + touched.mapped("date")))
        return res
