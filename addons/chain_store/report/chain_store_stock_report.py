from odoo import fields, models, tools
from odoo.tools import SQL


class ChainStoreStockReport(models.Model):
    """Stock on hand per store: one row per quant in a store's internal locations."""

    _name = "chain.store.stock.report"
    _description = "Stock per Store"
    _auto = False
    _order = "store_id, product_id"
    _rec_name = "product_id"
    _chain_guarded_fields = {}  # a read-only SQL view
    _chain_store_field = "store_id"

    store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    region_id = fields.Many2one("chain.store.region", string="Region", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    location_id = fields.Many2one("stock.location", string="Location", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Product Template", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Lot", readonly=True)
    quantity = fields.Float(string="On Hand", readonly=True, digits="Product Unit of Measure")
    reserved_quantity = fields.Float(string="Reserved", readonly=True, digits="Product Unit of Measure")
    available_quantity = fields.Float(string="Available", readonly=True, digits="Product Unit of Measure")

    def _query(self):
        """Hook: the SELECT of the view (extend it to add columns)."""
        return SQL(
            """
            SELECT q.id AS id,
                   s.id AS store_id,
                   s.region_id AS region_id,
                   l.warehouse_id AS warehouse_id,
                   q.company_id AS company_id,
                   q.location_id AS location_id,
                   q.product_id AS product_id,
                   pp.product_tmpl_id AS product_tmpl_id,
                   pt.categ_id AS categ_id,
                   q.lot_id AS lot_id,
                   q.quantity AS quantity,
                   q.reserved_quantity AS reserved_quantity,
                   q.quantity - q.reserved_quantity AS available_quantity
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
              JOIN chain_store s ON s.warehouse_id = l.warehouse_id
              JOIN product_product pp ON pp.id = q.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
