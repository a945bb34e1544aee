from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib.period import ratio
from .chain_dashboard_stock_snapshot import EXPIRY_BUCKETS, SLOW_DAYS, STOCKOUT_DAYS

DRILLDOWNS = ("value", "expiry", "slow", "stockout", "writeoff")


class ChainDashboard(models.AbstractModel):
    """Stock figures of the dashboard: value, cover, turnover, near expiry, slow movers and
    stockouts of the store warehouses of the user's scope, with set-based SQL."""

    _inherit = "chain.dashboard"
    _chain_guarded_fields = {}  # no field of its own

    @api.model
    def _chain_stock_quants(self, parsed, store_ids):
        """SQL of the quants of the stores' warehouses (internal locations): columns ``id``,
        ``store_id``, ``product_id``, ``lot_id``, ``quantity`` and ``cost`` (the product's
        standard price of the quant's company, as ``stock.quant.value`` reads it)."""
        categ = SQL()
        if parsed["categ_id"]:
            categs = self.env["product.category"].search([("id", "child_of", parsed["categ_id"])])
            categ = SQL("AND pt.categ_id = ANY(%s)", categs.ids)
        return SQL(
            """SELECT q.id, st.id AS store_id, q.product_id, q.lot_id, q.quantity,
                      COALESCE((pp.standard_price ->> q.company_id::text)::numeric, 0) AS cost
                 FROM stock_quant q
                 JOIN stock_location sl ON sl.id = q.location_id AND sl.usage = 'internal'
                 JOIN chain_store st ON st.warehouse_id = sl.warehouse_id
                 JOIN product_product pp ON pp.id = q.product_id
                 JOIN product_template pt ON pt.id = pp.product_tmpl_id
                WHERE st.id = ANY(%s) %s""",
            list(store_ids),
            categ,
        )

    @api.model
    def _chain_stock_movers(self, parsed, store_ids):
        """SQL of the (kind, store_id, product_id) rows of the slow movers (stock on hand, no
        POS sale in ``SLOW_DAYS`` days) and stockouts (sold in ``STOCKOUT_DAYS`` days, nothing
        sellable on hand) of the stores, from the last sale days (``chain.dashboard.last.sale``)."""
        today = self._chain_today()
        categ = SQL()
        if parsed["categ_id"]:
            categs = self.env["product.category"].search([("id", "child_of", parsed["categ_id"])])
            categ = SQL("AND pt.categ_id = ANY(%s)", categs.ids)
        if "chain.stock.sellable" in self.env:
            # with chain_stock_expiry: what can be sold (not reserved, quarantined, blocked or past
            # its removal date), so stock that cannot be sold does not hide a stockout
            sellable = SQL(
                """SELECT store_id, product_id, SUM(sellable_qty) AS qty FROM chain_stock_sellable
                    WHERE store_id = ANY(%s) GROUP BY store_id, product_id""",
                list(store_ids),
            )
        else:
            sellable = SQL("SELECT store_id, product_id, qty FROM stock")
        return SQL(
            """WITH stock AS (
                   SELECT store_id, product_id, SUM(quantity) AS qty FROM (%(quants)s) qs
                    GROUP BY store_id, product_id
               ), sellable AS (%(sellable)s
               ), sold AS (
                   SELECT ls.store_id, ls.product_id, ls.date
                     FROM chain_dashboard_last_sale ls
                     JOIN product_product pp ON pp.id = ls.product_id
                     JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    WHERE ls.date > %(slow)s AND ls.store_id = ANY(%(stores)s) %(categ)s
               )
               SELECT 'slow' AS kind, s.store_id, s.product_id FROM stock s
                WHERE s.qty > 0 AND NOT EXISTS (
                      SELECT 1 FROM sold x WHERE x.store_id = s.store_id AND x.product_id = s.product_id)
               UNION ALL
               SELECT 'stockout', x.store_id, x.product_id FROM sold x
                WHERE x.date > %(recent)s AND NOT EXISTS (
                      SELECT 1 FROM sellable s
                       WHERE s.store_id = x.store_id AND s.product_id = x.product_id AND s.qty > 0)""",
            quants=self._chain_stock_quants(parsed, store_ids),
            sellable=sellable,
            slow=today - timedelta(days=SLOW_DAYS),
            recent=today - timedelta(days=STOCKOUT_DAYS),
            stores=list(store_ids),
            categ=categ,
        )

    @api.model
    def _chain_has_expiry(self):
        """Lots have an expiry date only when ``product_expiry`` is installed (no dependency)."""
        return "expiration_date" in self.env["stock.lot"]._fields

    @api.model
    def _chain_stock_refresh(self, store_ids=None):
        """Recompute the stock figures (``chain.dashboard.stock``) of ``store_ids`` (every store
        when None) from the live quants and the last sale days, with set-based SQL."""
        Stock = self.env["chain.dashboard.stock"]
        # the SQL below reads the tables: write pending ORM changes first
        self.env.flush_all()
        where = SQL("WHERE store_id = ANY(%s)", list(store_ids)) if store_ids is not None else SQL()
        if store_ids is None:
            # every store, archived ones too: the snapshot is the chain's, whoever triggers it
            self.env.cr.execute(SQL("SELECT id FROM %s", SQL.identifier(self.env["chain.store"]._table)))
            store_ids = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(SQL("DELETE FROM %s %s", SQL.identifier(Stock._table), where))
        self.env.cr.execute(Stock._chain_snapshot_sql(store_ids))
        Stock.invalidate_model()

    @api.model
    def _chain_stock_section(self, parsed, stores, total):
        """The ``stock`` section of the dashboard for ``stores``, summed from the stock figures
        of the last refresh (``as_of``, UTC); ``total`` holds the summed sales measures of the
        period (units for the days of cover, cost of sales for the turnover)."""
        ids = stores.ids
        cr = self.env.cr
        Stock = self.env["chain.dashboard.stock"]
        categ = SQL()
        if parsed["categ_id"]:
            categs = self.env["product.category"].search([("id", "child_of", parsed["categ_id"])])
            categ = SQL("AND categ_id = ANY(%s)", categs.ids)
        columns = ["value", "units", "slow_movers", "stockouts", *Stock._chain_bucket_columns()]
        cr.execute(
            SQL(
                "SELECT %s, MAX(write_date) FROM %s WHERE store_id = ANY(%s) %s",
                SQL(", ").join(SQL("COALESCE(SUM(%s), 0)", SQL.identifier(column)) for column in columns),
                SQL.identifier(Stock._table),
                ids,
                categ,
            )
        )
        row = cr.fetchone()
        figures = dict(zip(columns, (float(v) for v in row[:-1]), strict=True))
        value, units = figures["value"], figures["units"]
        days = (parsed["last"] - parsed["first"]).days + 1
        daily_units = total["units"] / days
        cost_of_sales = total["sales_untaxed"] - total["margin"]
        expiry = False
        if self._chain_has_expiry():
            expiry = [
                {
                    "bucket": key,
                    "value": figures[f"expiry_{key}_value"],
                    "units": figures[f"expiry_{key}_units"],
                }
                for key, _first, _last in EXPIRY_BUCKETS
            ]
        return {
            "value": value,
            "units": units,
            "days_of_cover": round(units / daily_units, 1) if daily_units > 0 else None,
            "turnover": round(ratio(cost_of_sales, value), 2),
            "expiry": expiry,
            "writeoff": self._chain_stock_writeoff(parsed, ids),
            "slow_movers": int(figures["slow_movers"]),
            "stockouts": int(figures["stockouts"]),
            "slow_days": SLOW_DAYS,
            "stockout_days": STOCKOUT_DAYS,
            "as_of": row[-1] and fields.Datetime.to_string(row[-1]),
        }

    @api.model
    def _chain_stock_writeoff(self, parsed, store_ids):
        """Value and units of the expired stock written off from the stores in the period (done
        moves into the expired-goods location of ``chain_stock_expiry``, when installed), at
        the product cost; False without that location."""
        location = self.env.ref("chain_stock_expiry.stock_location_expired_writeoff", raise_if_not_found=False)
        if not location:
            return False
        start, end = self._chain_utc_bounds(parsed["first"], parsed["last"], self._chain_tz())
        categ = SQL()
        if parsed["categ_id"]:
            categs = self.env["product.category"].search([("id", "child_of", parsed["categ_id"])])
            categ = SQL("AND pt.categ_id = ANY(%s)", categs.ids)
        self.env.cr.execute(
            SQL(
                """SELECT COALESCE(SUM(m.product_qty * (pp.standard_price ->> m.company_id::text)::numeric), 0),
                          COALESCE(SUM(m.product_qty), 0)
                     FROM stock_move m
                     JOIN stock_location sl ON sl.id = m.location_id AND sl.usage = 'internal'
                     JOIN chain_store st ON st.warehouse_id = sl.warehouse_id
                     JOIN product_product pp ON pp.id = m.product_id
                     JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    WHERE m.state = 'done' AND m.location_dest_id = %s AND m.date >= %s AND m.date < %s
                      AND st.id = ANY(%s) %s""",
                location.id,
                start,
                end,
                list(store_ids),
                categ,
            )
        )
        value, units = self.env.cr.fetchone()
        return {"value": float(value), "units": float(units)}

    @api.model
    def action_stock_drilldown(self, filters=None, kind="value"):
        """The quants (``value``, ``expiry``, ``slow``), products (``stockout``) or write-off
        moves (``writeoff``) behind a stock figure, within the user's scope."""
        if kind not in DRILLDOWNS:
            raise ValidationError(_("Unknown stock figure: %s", kind))
        parsed = self._chain_parse_filters(filters)
        stores = self._chain_scope_stores(parsed)
        ids = stores.ids
        if kind == "writeoff":
            return self._chain_writeoff_drilldown(parsed, stores)
        self.env.flush_all()
        if kind in ("slow", "stockout"):
            self.env.cr.execute(
                SQL(
                    """SELECT m.product_id, ARRAY_AGG(qs.id) FILTER (WHERE qs.id IS NOT NULL)
                         FROM (%s) m LEFT JOIN (%s) qs
                           ON qs.store_id = m.store_id AND qs.product_id = m.product_id
                        WHERE m.kind = %s GROUP BY m.product_id""",
                    self._chain_stock_movers(parsed, ids),
                    self._chain_stock_quants(parsed, ids),
                    kind,
                )
            )
            rows = self.env.cr.fetchall()
        else:
            expiry = SQL("JOIN stock_lot lot ON lot.id = qs.lot_id AND lot.expiration_date IS NOT NULL")
            self.env.cr.execute(
                SQL(
                    "SELECT NULL, ARRAY_AGG(qs.id) FROM (%s) qs %s WHERE qs.quantity != 0",
                    self._chain_stock_quants(parsed, ids),
                    expiry if kind == "expiry" and self._chain_has_expiry() else SQL(),
                )
            )
            rows = self.env.cr.fetchall()
        if kind == "stockout":
            model, name, domain = "product.product", _("Stockouts"), [("id", "in", [r[0] for r in rows])]
        else:
            quant_ids = [qid for _product, qids in rows for qid in qids or ()]
            names = {"value": _("Stock value"), "expiry": _("Near-expiry stock"), "slow": _("Slow movers")}
            model, name, domain = "stock.quant", names[kind], [("id", "in", quant_ids)]
        return self._chain_list_action(model, name, domain, {"create": False})

    @api.model
    def _chain_writeoff_drilldown(self, parsed, stores):
        """The done moves of the stores' stock into the expired-goods location in the period."""
        location = self.env.ref("chain_stock_expiry.stock_location_expired_writeoff", raise_if_not_found=False)
        if not location:
            raise ValidationError(_("Unknown stock figure: %s", "writeoff"))
        start, end = self._chain_utc_bounds(parsed["first"], parsed["last"], self._chain_tz())
        domain = [
            ("state", "=", "done"),
            ("location_dest_id", "=", location.id),
            ("location_id.usage", "=", "internal"),
            ("location_id.warehouse_id", "in", stores.warehouse_id.ids),
            ("date", ">=", fields.Datetime.to_string(start)),
            ("date", "<", fields.Datetime.to_string(end)),
        ]
        if parsed["categ_id"]:
            domain.append(("product_id.categ_id", "child_of", parsed["categ_id"]))
        return self._chain_list_action("stock.move", _("Expired write-off"), domain, {"create": False})
