from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..lib import shelf_life

SALES_DAYS = 28  # sell-through window of the suggestions

STAGES = [
    ("near", "Near expiry"),
    ("last_sale", "Last sale day passed"),
    ("removal", "Past removal date"),
    ("expired", "Expired"),
]
SUGGESTIONS = [
    ("sell", "Sells in time"),
    ("transfer", "Transfer"),
    ("markdown", "Mark down"),
    ("return", "Return to supplier"),
    ("scrap", "Write off"),
]


class ChainExpiryWorklist(models.Model):
    """Near-expiry worklist: one row per store quant whose lot reached an alert stage."""

    _name = "chain.expiry.worklist"
    _description = "Near-Expiry Worklist"
    _auto = False
    _chain_guarded_fields = {}  # a read-only SQL view
    _chain_store_field = "store_id"
    _order = "expiration_date, id"  # first to expire first; served by the index on stock_lot
    _rec_name = "lot_id"
    _depends = {
        "stock.quant": ["quantity", "location_id", "lot_id", "product_id", "company_id"],
        "stock.location": ["usage", "warehouse_id", "chain_quarantine"],
        "stock.lot": ["alert_date", "chain_last_sale_date", "removal_date", "expiration_date", "chain_blocked",
                      "chain_supplier_id"],
        "chain.store": ["warehouse_id", "region_id"],
        "product.product": ["product_tmpl_id", "standard_price"],
        "product.template": ["categ_id"],
    }  # fmt: skip

    store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    region_id = fields.Many2one("chain.store.region", string="Region", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    location_id = fields.Many2one("stock.location", string="Location", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Lot", readonly=True)
    supplier_id = fields.Many2one("res.partner", string="Supplier", readonly=True)
    expiration_date = fields.Datetime(string="Expiry Date", readonly=True)
    removal_date = fields.Datetime(readonly=True)
    days_left = fields.Integer(readonly=True, aggregator="min")
    stage = fields.Selection(STAGES, readonly=True)
    in_quarantine = fields.Boolean(readonly=True)
    blocked = fields.Boolean(readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    value = fields.Float(string="Cost Value", readonly=True)
    suggestion = fields.Selection(SUGGESTIONS, compute="_compute_suggestion")
    suggestion_store_id = fields.Many2one("chain.store", string="Transfer To", compute="_compute_suggestion")

    @api.model
    def _first_alert_sql(self, lot="lot"):
        """The first stage date of a lot (the expression the index below serves)."""
        lot = SQL.identifier(lot)
        return SQL(
            "LEAST(%(l)s.alert_date, %(l)s.chain_last_sale_date, %(l)s.removal_date, %(l)s.expiration_date)", l=lot
        )

    def _query(self):
        now = SQL("(NOW() AT TIME ZONE 'UTC')")
        return SQL(
            """
            SELECT q.id AS id, s.id AS store_id, s.region_id, l.warehouse_id, q.company_id,
                   q.location_id, q.product_id, pt.categ_id, q.lot_id, lot.chain_supplier_id AS supplier_id,
                   lot.expiration_date, lot.removal_date,
                   (lot.expiration_date::date - %(now)s::date) AS days_left,
                   CASE WHEN lot.expiration_date <= %(now)s THEN 'expired'
                        WHEN lot.removal_date <= %(now)s THEN 'removal'
                        WHEN lot.chain_last_sale_date <= %(now)s THEN 'last_sale'
                        ELSE 'near' END AS stage,
                   COALESCE(l.chain_quarantine, FALSE) AS in_quarantine,
                   COALESCE(lot.chain_blocked, FALSE) AS blocked,
                   q.quantity,
                   q.quantity * COALESCE((pp.standard_price ->> q.company_id::text)::numeric, 0) AS value
              FROM stock_lot lot
              JOIN stock_quant q ON q.lot_id = lot.id AND q.quantity > 0
              JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
              JOIN chain_store s ON s.warehouse_id = l.warehouse_id
              JOIN product_product pp ON pp.id = q.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE %(first)s <= %(now)s
            """,
            now=now,
            first=self._first_alert_sql(),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS stock_lot_chain_first_alert_idx ON stock_lot (%s)",
                self._first_alert_sql("stock_lot"),
            )
        )
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))

    # -- suggestions ----------------------------------------------------------

    @api.model
    def _chain_daily_sales(self, products, days=SALES_DAYS):
        """Units sold per day over the last ``days`` days, per (product id, store id), from the
        done moves out of each store's locations to customers (POS and deliveries alike)."""
        if not products:
            return {}
        self.env["stock.move"].flush_model(["state", "product_id", "product_qty", "location_id", "location_dest_id",
                                            "date"])  # fmt: skip
        self.env.cr.execute(
            SQL(
                """
                SELECT m.product_id, s.id, SUM(m.product_qty)
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dst ON dst.id = m.location_dest_id AND dst.usage = 'customer'
                  JOIN chain_store s ON s.warehouse_id = src.warehouse_id
                 WHERE m.state = 'done' AND m.product_id IN %(products)s AND m.date >= %(since)s
                 GROUP BY m.product_id, s.id
                """,
                products=tuple(products.ids),
                since=fields.Datetime.now() - timedelta(days=days),
            )
        )
        return {(pid, sid): shelf_life.daily_rate(qty, days) for pid, sid, qty in self.env.cr.fetchall()}

    @api.depends("lot_id", "store_id", "quantity")
    def _compute_suggestion(self):
        # sudo: a store manager's suggestion weighs the sell-through of every store
        rates = self.sudo()._chain_daily_sales(self.product_id)
        now = fields.Datetime.now()
        for row in self:
            removal = row.removal_date or row.expiration_date
            days_to_removal = (removal - now).days if removal else 0
            others = {
                sid: rate for (pid, sid), rate in rates.items() if pid == row.product_id.id and sid != row.store_id.id
            }
            action, target = shelf_life.suggest_action(
                row.quantity,
                days_to_removal,
                rates.get((row.product_id.id, row.store_id.id), 0.0),
                others,
                bool(row.lot_id.sudo().chain_policy_id.accepts_returns),
            )
            if row.in_quarantine and action in ("sell", "transfer", "markdown"):
                action, target = (
                    ("return", None) if row.lot_id.sudo().chain_policy_id.accepts_returns else ("scrap", None)
                )
            row.suggestion = action
            row.suggestion_store_id = target or False
