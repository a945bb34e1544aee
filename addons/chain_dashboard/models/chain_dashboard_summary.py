from odoo import fields, models


class ChainDashboardSummary(models.AbstractModel):
    """The measures of a daily sales summary (per store, or per store and category).

    Written only by set-based SQL (``_chain_refresh_sql`` of each summary); read by the
    dashboard, never the raw order lines. Days are local days in the chain's time zone (see
    ``chain.dashboard._chain_tz``).
    """

    _name = "chain.dashboard.summary"
    _description = "Daily Sales Summary"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server
    _chain_store_field = "store_id"
    _order = "date desc, store_id"
    _rec_name = "date"

    store_id = fields.Many2one("chain.store", required=True, readonly=True, index=True, ondelete="cascade")
    region_id = fields.Many2one(related="store_id.region_id", string="Region")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, readonly=True, index=True)
    sales = fields.Monetary(readonly=True, help="Sales including taxes.")
    sales_untaxed = fields.Monetary(string="Sales (untaxed)", readonly=True)
    margin = fields.Monetary(
        string="Gross Margin", readonly=True, help="Untaxed sales minus the cost of the goods sold."
    )
    units = fields.Float(readonly=True, digits="Product Unit of Measure")
    tickets = fields.Integer(readonly=True, help="Number of paid POS orders (refunds included).")
    member_sales = fields.Monetary(readonly=True, help="Sales of the orders with a customer (member).")
