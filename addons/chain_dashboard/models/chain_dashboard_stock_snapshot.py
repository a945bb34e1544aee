from odoo import fields, models
from odoo.tools import SQL

# (key, first day, last day) of the days-to-expiry buckets; "expired" is before day 0
EXPIRY_BUCKETS = (("expired", None, -1), ("0_7", 0, 7), ("8_30", 8, 30), ("31_90", 31, 90))
# a product with stock and no POS sale in this many days is a slow mover
SLOW_DAYS = 30
# a product sold in this many days with nothing on hand is a stockout
STOCKOUT_DAYS = 14


class ChainDashboardStock(models.Model):
    """The stock figures of one store and product category, as of the last refresh.

    The dashboard's stock row sums these rows (a few per store) instead of scanning the quants:
    at 500 stores the live figures read a million quants. Rebuilt whole by set-based SQL with
    the sales summaries (the 15-minute cron, a rebuild); the drill-downs list the live quants.
    """

    _name = "chain.dashboard.stock"
    _description = "Stock Figures per Store and Category"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server
    _chain_store_field = "store_id"
    _order = "store_id, categ_id"
    _rec_name = "store_id"

    store_id = fields.Many2one("chain.store", required=True, readonly=True, index=True, ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    value = fields.Monetary(string="Stock Value", readonly=True, help="On-hand quantity at the product cost.")
    units = fields.Float(readonly=True, digits="Product Unit of Measure")
    slow_movers = fields.Integer(readonly=True, help="Products in stock without a POS sale for 30 days.")
    stockouts = fields.Integer(readonly=True, help="Products sold in the last 14 days with nothing on hand.")
    expiry_expired_value = fields.Monetary(string="Expired Value", readonly=True)
    expiry_expired_units = fields.Float(string="Expired Units", readonly=True)
    expiry_0_7_value = fields.Monetary(string="Value Expiring in 0-7 Days", readonly=True)
    expiry_0_7_units = fields.Float(string="Units Expiring in 0-7 Days", readonly=True)
    expiry_8_30_value = fields.Monetary(string="Value Expiring in 8-30 Days", readonly=True)
    expiry_8_30_units = fields.Float(string="Units Expiring in 8-30 Days", readonly=True)
    expiry_31_90_value = fields.Monetary(string="Value Expiring in 31-90 Days", readonly=True)
    expiry_31_90_units = fields.Float(string="Units Expiring in 31-90 Days", readonly=True)

    def _chain_bucket_columns(self):
        return [f"expiry_{key}_{kind}" for key, _first, _last in EXPIRY_BUCKETS for kind in ("value", "units")]

    def _chain_snapshot_sql(self, store_ids):
        """The ``INSERT … SELECT`` of the stock figures of ``store_ids`` from the quants of
        their warehouses' internal locations and the last sale days (the same SQL as the live
        drill-downs: ``chain.dashboard._chain_stock_quants`` and ``_chain_stock_movers``)."""
        dashboard = self.env["chain.dashboard"]
        everything = {"categ_id": False}
        if dashboard._chain_has_expiry():
            days = SQL(
                "((lot.expiration_date AT TIME ZONE 'UTC') AT TIME ZONE %s)::date - %s",
                dashboard._chain_tz(),
                dashboard._chain_today(),
            )
            lots = SQL("LEFT JOIN stock_lot lot ON lot.id = qs.lot_id")
        else:
            days, lots = SQL("NULL::integer"), SQL()
        buckets = []
        for key, first, last in EXPIRY_BUCKETS:
            cond = SQL("days <= %s", last) if first is None else SQL("days BETWEEN %s AND %s", first, last)
            for kind, source in (("value", "value"), ("units", "quantity")):
                buckets.append(
                    SQL(
                        "COALESCE(SUM(%s) FILTER (WHERE quantity > 0 AND %s), 0) AS %s",
                        SQL.identifier(source),
                        cond,
                        SQL.identifier(f"expiry_{key}_{kind}"),
                    )
                )
        columns = self._chain_bucket_columns()
        return SQL(
            """
            WITH quants AS (
                SELECT qs.store_id, pt.categ_id, qs.quantity, qs.quantity * qs.cost AS value, %(days)s AS days
                  FROM (%(quants)s) qs
                  JOIN product_product pp ON pp.id = qs.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  %(lots)s
            ), figures AS (
                SELECT store_id, categ_id, SUM(value) AS value, SUM(quantity) AS units, 0 AS slow, 0 AS out,
                       %(buckets)s
                  FROM quants GROUP BY 1, 2
                UNION ALL
                SELECT m.store_id, pt.categ_id, 0, 0, COUNT(*) FILTER (WHERE m.kind = 'slow'),
                       COUNT(*) FILTER (WHERE m.kind = 'stockout'), %(zeros)s
                  FROM (%(movers)s) m
                  JOIN product_product pp ON pp.id = m.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 GROUP BY 1, 2
            )
            INSERT INTO chain_dashboard_stock (store_id, categ_id, company_id, value, units, slow_movers,
                                               stockouts, %(columns)s, create_uid, write_uid, create_date,
                                               write_date)
            SELECT f.store_id, f.categ_id, st.company_id, SUM(f.value), SUM(f.units), SUM(f.slow), SUM(f.out),
                   %(sums)s, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM figures f JOIN chain_store st ON st.id = f.store_id
             GROUP BY f.store_id, f.categ_id, st.company_id
            """,
            days=days,
            quants=dashboard._chain_stock_quants(everything, store_ids),
            movers=dashboard._chain_stock_movers(everything, store_ids),
            lots=lots,
            buckets=SQL(", ").join(buckets),
            zeros=SQL(", ").join(SQL("0") for _column in columns),
            columns=SQL(", ").join(SQL.identifier(column) for column in columns),
            sums=SQL(", ").join(SQL("SUM(f.%s)", SQL.identifier(column)) for column in columns),
            uid=self.env.uid,
        )
