from odoo import models, tools


class StockMove(models.Model):
    _inherit = "stock.move"

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
