from odoo import models, tools


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

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
