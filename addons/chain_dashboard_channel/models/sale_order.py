import logging

from odoo import models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# the fields that move a confirmed channel order from one summary cell (store, day) to another
MOVE_FIELDS = frozenset({"warehouse_id", "date_order"})


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        """A confirmed channel order moved to another store or day (re-routed, re-dated) leaves
        its summary cell at once: the cron, which finds the orders written since its last run,
        would see the cell it enters but not the one it left. Confirmations and cancellations
        wait for the cron, as POS tickets do (nothing added to an import's transaction)."""
        if not MOVE_FIELDS.intersection(vals):
            return super().write(vals)
        moved = self.filtered(lambda order: order.chain_channel_id and order.state == "sale")
        if not moved:
            return super().write(vals)
        before = moved._chain_dashboard_cells()
        result = super().write(vals)
        try:
            with self.env.cr.savepoint():
                cells = set(before) | set(moved._chain_dashboard_cells())
                self.env["chain.dashboard"]._chain_refresh_channel_pairs(cells)
        except Exception:  # the order must go through; the next rebuild or cron catches up
            _logger.exception("Dashboard: channel summaries of the moved orders %s not refreshed", moved.ids)
        return result

    def _chain_dashboard_cells(self):
        """The (store id, local day) summary cells of these orders, as stored now."""
        Dashboard = self.env["chain.dashboard"]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT st.id, %s FROM sale_order o
                     JOIN chain_store st ON st.warehouse_id = o.warehouse_id
                    WHERE o.id = ANY(%s)""",
                Dashboard._chain_local_day_sql(Dashboard._chain_tz()),
                self.ids,
            )
        )
        return self.env.cr.fetchall()
