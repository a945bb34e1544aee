from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..report.chain_stock_ledger_query import COLUMNS, ledger_query, store_locations_query

# the ledger query's columns that are written as they are on chain.stock.ledger.line
KEY_COLUMNS = ("store_id", "region_id", "company_id", "product_id", "categ_id", "uom_id", "lot_id")
FIGURE_COLUMNS = tuple(f"{name}_{measure}" for measure in ("qty", "value") for name in COLUMNS)
LEDGER_WORK_MEM = "256MB"
# up to this many stores, a move's valuation layers are looked up by index; beyond, the layer table
# is hashed once (see ledger_query)
LOOKUP_LAYERS_MAX_STORES = 10


class ChainStockLedger(models.TransientModel):
    """A stock ledger (进销存) run: which stores, which period; its rows are ``line_ids``."""

    _name = "chain.stock.ledger"
    _description = "Stock Ledger"
    _chain_guarded_fields = {}  # the user's own query; action_show checks the stores

    all_stores = fields.Boolean(
        string="All My Stores", help="Every store you can see: your stores, your regions' or the whole chain."
    )
    store_ids = fields.Many2many("chain.store", string="Stores", default=lambda self: self.env.user.chain_store_id)
    date_from = fields.Date(
        string="From", required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    by_lot = fields.Boolean(string="Per Lot", help="One row per lot instead of one per product.")
    line_ids = fields.One2many("chain.stock.ledger.line", "ledger_id", string="Rows", readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for ledger in self:
            ledger._check_period(ledger.date_from, ledger.date_to)

    @api.model
    def _check_period(self, date_from, date_to):
        if date_from > date_to:
            raise ValidationError(
                _("The ledger period starts on %(start)s, after its end %(end)s.", start=date_from, end=date_to)
            )

    def _get_stores(self):
        """The stores of this run: the chosen ones, or every store the user sees."""
        self.ensure_one()
        if self.all_stores:
            stores = self.env.user.chain_visible_store_ids
        else:
            # sudo: reading the chosen stores must not fail on a store outside the user's rules
            # before _check_ledger_stores refuses it with a message naming it
            stores = self.sudo().store_ids.with_env(self.env)
        if not stores:
            raise UserError(_("Choose at least one store for the stock ledger."))
        return stores

    @api.model
    def _check_ledger_stores(self, stores):
        """Refuse stores the user may not see: the ledger query reads moves in SQL, past record rules."""
        if self.env.su:
            return
        refused = stores - self.env.user.chain_visible_store_ids
        if refused:
            # sudo: the refused stores are outside the user's record rules by definition; their
            # codes and names tell the user what was refused
            names = ", ".join(refused.sudo().mapped("display_name"))
            raise UserError(_("You cannot see the stock ledger of %s.", names))

    @api.model
    def _chain_ledger_bounds(self, date_from, date_to):
        """Hook: the period as naive UTC datetimes ``(start, end)``, ``end`` exclusive, days taken in
        the user's time zone (a store's day ends at its midnight, not at UTC's)."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + timedelta(days=1))

    @api.model
    def _chain_ledger_query(self, stores, date_from, date_to, by_lot=False, ordered=True):
        """The checked ledger ``SQL`` of ``stores`` over ``[date_from, date_to]`` (dates or strings),
        its rows sorted by store, product and lot when ``ordered``."""
        if not stores:
            raise UserError(_("Choose at least one store for the stock ledger."))
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if not date_from or not date_to:
            raise UserError(_("Give the first and the last day of the stock ledger period."))
        self._check_period(date_from, date_to)
        self._check_ledger_stores(stores)
        self.env.flush_all()
        start, end = self._chain_ledger_bounds(date_from, date_to)
        self.env.cr.execute(store_locations_query(stores.ids))
        location_ids = [row[0] for row in self.env.cr.fetchall()]
        lookup = len(stores) <= LOOKUP_LAYERS_MAX_STORES
        # sudo: the balances are a cache of every store's figures; the query keeps the checked stores
        snapshot = self.env["chain.stock.ledger.balance"].sudo()._chain_latest(start, bool(by_lot))
        return ledger_query(
            stores.ids,
            location_ids,
            start,
            end,
            by_lot=by_lot,
            lookup_layers=lookup,
            snapshot=snapshot,
            ordered=ordered,
        )

    @api.model
    def _chain_ledger_execute(self, query, fetch=False):
        """Run the ledger query with the memory it needs; return its rows as dicts when ``fetch``.

        A chain-wide ledger aggregates millions of legs: with PostgreSQL's default ``work_mem``
        (4 MB) its hash joins and aggregates spill to disk, and JIT compilation of its many
        aggregates costs seconds more than it saves. Both settings are ``LOCAL``: they end with the
        transaction, and are set back right after the query.
        """
        cr = self.env.cr
        cr.execute(SQL("SELECT current_setting('work_mem'), current_setting('jit')"))
        work_mem, jit = cr.fetchone()
        cr.execute(SQL("SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)", LEDGER_WORK_MEM))
        try:
            cr.execute(query)
            return cr.dictfetchall() if fetch else None
        finally:
            cr.execute(SQL("SELECT set_config('work_mem', %s, true), set_config('jit', %s, true)", work_mem, jit))

    @api.model
    def _chain_ledger_rows(self, stores, date_from, date_to, by_lot=False):
        """The stock ledger as plain dicts, one per store and product (and lot when ``by_lot``).

        :param stores: ``chain.store`` recordset, each visible to the user (else ``UserError``)
        :param date_from, date_to: the period, both days included (``date`` or ``'YYYY-MM-DD'``)
        :return: list of dicts with ids ``store_id, region_id, company_id, product_id, categ_id,
            uom_id, lot_id`` (``lot_id`` None unless ``by_lot``) and the figures
            ``<column>_qty``/``<column>_value`` (floats) for every column of
            ``report.chain_stock_ledger_query.COLUMNS`` (``opening`` ... ``closing``), with
            ``closing = opening + receipt + transfer_in + return - pos_sale - sale - transfer_out
            + inventory - scrap + other``.
        """
        query = self._chain_ledger_query(stores, date_from, date_to, by_lot=by_lot)
        return self._chain_ledger_execute(query, fetch=True)

    def _fill_lines(self):
        """Replace the rows of this run with the ledger, in one ``INSERT ... SELECT``."""
        self.ensure_one()
        # unordered: the table has its own order, sorting the rows before writing them is wasted
        query = self._chain_ledger_query(
            self._get_stores(), self.date_from, self.date_to, by_lot=self.by_lot, ordered=False
        )
        Line = self.env["chain.stock.ledger.line"]
        self.env.cr.execute(SQL("DELETE FROM %s WHERE ledger_id = %s", SQL.identifier(Line._table), self.id))
        columns = KEY_COLUMNS + FIGURE_COLUMNS
        self._chain_ledger_execute(
            SQL(
                """
                INSERT INTO %(table)s (ledger_id, create_uid, create_date, write_uid, write_date, %(columns)s)
                SELECT %(ledger)s, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC', %(columns)s
                  FROM (%(query)s) AS ledger
                """,
                table=SQL.identifier(Line._table),
                columns=SQL(", ").join(SQL.identifier(column) for column in columns),
                ledger=self.id,
                uid=self.env.uid,
                query=query,
            )
        )
        Line.invalidate_model()
        self.invalidate_recordset(["line_ids"])

    def action_show(self):
        """Compute the ledger and open its rows (list and pivot, with totals)."""
        self.ensure_one()
        self._fill_lines()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_stock_ledger.chain_stock_ledger_line_action")
        action["name"] = self._get_title()
        action["domain"] = [("ledger_id", "=", self.id)]
        action["context"] = {"chain_stock_ledger_id": self.id}
        return action

    def action_export_xlsx(self):
        """Compute the ledger and download it as an Excel workbook."""
        self.ensure_one()
        self._fill_lines()
        return self.env.ref("chain_stock_ledger.chain_stock_ledger_xlsx_report").report_action(self)

    def _get_title(self):
        self.ensure_one()
        stores = self._get_stores()
        names = ", ".join(stores[:3].mapped("code")) + ("…" if len(stores) > 3 else "")
        return _("Stock Ledger %(stores)s, %(start)s - %(end)s", stores=names, start=self.date_from, end=self.date_to)
