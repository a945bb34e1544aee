from odoo import fields, models, tools
from odoo.tools import SQL


class ChainStockSellable(models.Model):
    """Sellable stock per store and product: the one figure the suite sells against.

    ``sellable = on hand - reserved - past removal date - blocked - quarantined``,
    where each quant counts in exactly one of: quarantine (its location), blocked
    (its lot), past removal (its lot's removal date) or sellable; the reservations
    subtracted are those on sellable quants. Never negative.
    """

    _name = "chain.stock.sellable"
    _description = "Sellable Stock"
    _auto = False
    _chain_guarded_fields = {}  # a read-only SQL view
    _chain_store_field = "store_id"
    _order = "store_id, product_id"
    _rec_name = "product_id"
    _depends = {
        "stock.quant": ["quantity", "reserved_quantity", "location_id", "lot_id", "product_id", "company_id",
                        "removal_date"],
        "stock.location": ["usage", "warehouse_id", "chain_quarantine"],
        "stock.lot": ["chain_blocked", "removal_date"],
        "chain.store": ["warehouse_id", "region_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }  # fmt: skip

    store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    region_id = fields.Many2one("chain.store.region", string="Region", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    on_hand_qty = fields.Float(string="On Hand", readonly=True, digits="Product Unit of Measure")
    reserved_qty = fields.Float(string="Reserved", readonly=True, digits="Product Unit of Measure")
    removal_qty = fields.Float(string="Past Removal Date", readonly=True, digits="Product Unit of Measure")
    blocked_qty = fields.Float(string="Blocked", readonly=True, digits="Product Unit of Measure")
    quarantine_qty = fields.Float(string="In Quarantine", readonly=True, digits="Product Unit of Measure")
    sellable_qty = fields.Float(string="Sellable", readonly=True, digits="Product Unit of Measure")

    def _query(self):
        return SQL(
            """
            SELECT MIN(x.quant_id) AS id, x.store_id, x.region_id, x.warehouse_id, x.company_id,
                   x.product_id, x.categ_id,
                   SUM(x.quantity) AS on_hand_qty,
                   SUM(CASE WHEN x.bucket = 'ok' THEN x.reserved_quantity ELSE 0 END) AS reserved_qty,
                   SUM(CASE WHEN x.bucket = 'removal' THEN x.quantity ELSE 0 END) AS removal_qty,
                   SUM(CASE WHEN x.bucket = 'blocked' THEN x.quantity ELSE 0 END) AS blocked_qty,
                   SUM(CASE WHEN x.bucket = 'quarantine' THEN x.quantity ELSE 0 END) AS quarantine_qty,
                   GREATEST(SUM(CASE WHEN x.bucket = 'ok' THEN x.quantity - x.reserved_quantity ELSE 0 END), 0)
                       AS sellable_qty
              FROM (
                SELECT q.id AS quant_id, s.id AS store_id, s.region_id, l.warehouse_id, q.company_id,
                       q.product_id, pt.categ_id, q.quantity, q.reserved_quantity,
                       CASE WHEN l.chain_quarantine THEN 'quarantine'
                            WHEN lot.chain_blocked THEN 'blocked'
                            WHEN q.removal_date <= NOW() AT TIME ZONE 'UTC' THEN 'removal'
                            ELSE 'ok' END AS bucket
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                  JOIN chain_store s ON s.warehouse_id = l.warehouse_id
                  JOIN product_product pp ON pp.id = q.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  LEFT JOIN stock_lot lot ON lot.id = q.lot_id
              ) x
             GROUP BY x.store_id, x.region_id, x.warehouse_id, x.company_id, x.product_id, x.categ_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
