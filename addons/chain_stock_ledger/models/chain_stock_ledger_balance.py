from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..report.chain_stock_ledger_query import ledger_query, store_locations_query


class ChainStockLedgerBalance(models.Model):
    """Month-end balances of every store (quantity and value per product, and per lot): the opening
    of the 进销存 ledger for any period that starts after them.

    Without them a ledger's opening sums every move since the beginning, which for the whole chain
    reads the whole move table. With them it starts from the latest balance at or before the period
    and adds the moves since (``ledger_query(snapshot=...)``). A monthly job takes them, each from
    the previous one.

    A balance stays true while nothing changes before its date: validating, editing or valuing a
    move dated before a balance deletes that balance and every later one (``_chain_invalidate``),
    and the ledger falls back on an earlier balance or on the whole history.
    """

    _name = "chain.stock.ledger.balance"
    _description = "Stock Ledger Balance"
    _chain_guarded_fields = {}  # written by the server only (read-only access for chain managers)
    _chain_store_field = "store_id"
    _log_access = False
    _order = "date desc, store_id, product_id"

    date = fields.Datetime(required=True, index=True, help="The balance is the stock before this moment (UTC).")
    by_lot = fields.Boolean(required=True, default=False)
    store_id = fields.Many2one("chain.store", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    lot_id = fields.Many2one("stock.lot", ondelete="cascade")
    uom_id = fields.Many2one("uom.uom", required=True, ondelete="cascade")
    qty = fields.Float(required=True, default=0.0)
    value = fields.Float(required=True, default=0.0)

    @api.model
    def _chain_latest(self, start, by_lot):
        """The date of the latest complete balance at or before ``start`` (naive UTC), or None."""
        self.env.cr.execute(
            SQL("SELECT max(date) FROM %s WHERE date <= %s AND by_lot = %s", SQL.identifier(self._table), start, by_lot)
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _chain_take(self, boundary, by_lot=False):
        """Take the balances of every store before ``boundary`` (naive UTC datetime), replacing any
        taken at the same moment; returns how many rows were written."""
        Ledger = self.env["chain.stock.ledger"]
        Ledger.env.flush_all()
        table = SQL.identifier(self._table)
        self.env.cr.execute(SQL("DELETE FROM %s WHERE date = %s AND by_lot = %s", table, boundary, by_lot))
        # sudo: balances cover every store whatever the user (the ledger filters by store when read)
        stores = self.env["chain.store"].with_context(active_test=False).sudo().search([("warehouse_id", "!=", False)])
        self.env.cr.execute(store_locations_query(stores.ids))
        locations = [row[0] for row in self.env.cr.fetchall()]
        previous = self._chain_latest(boundary, by_lot)
        query = ledger_query(stores.ids, locations, boundary, boundary, by_lot=by_lot, lookup_layers=False,
                             snapshot=previous, ordered=False)  # fmt: skip
        Ledger._chain_ledger_execute(
            SQL(
                """
                INSERT INTO %(table)s (date, by_lot, store_id, product_id, lot_id, uom_id, qty, value)
                SELECT %(boundary)s, %(by_lot)s, g.store_id, g.product_id, g.lot_id, g.uom_id,
                       g.opening_qty, g.opening_value
                  FROM (%(query)s) g
                 WHERE abs(g.opening_qty) > 1e-9 OR abs(g.opening_value) > 1e-9
                """,
                table=table,
                boundary=boundary,
                by_lot=by_lot,
                query=query,
            )
        )
        self.env.cr.execute(SQL("SELECT count(*) FROM %s WHERE date = %s AND by_lot = %s", table, boundary, by_lot))
        self.invalidate_model()
        return self.env.cr.fetchone()[0]

    @api.model
    def _chain_invalidate(self, since):
        """Forget the balances taken after ``since`` (a move dated then has changed)."""
        if since:
            self.env.cr.execute(SQL("DELETE FROM %s WHERE date > %s", SQL.identifier(self._table), since))
            self.invalidate_model()

    @api.model
    def _chain_month_boundary(self, day):
        """The moment of the balances serving the months from ``day``'s month on: midnight UTC a day
        before its first, so that a ledger period starting on the 1st in any time zone opens from it."""
        return datetime.combine(day.replace(day=1) - timedelta(days=1), time.min)

    @api.model
    def _cron_take_balances(self):
        """Monthly job: the balances serving this month, per product and per lot."""
        boundary = self._chain_month_boundary(fields.Date.today())
        for by_lot in (False, True):
            self._chain_take(boundary, by_lot)
