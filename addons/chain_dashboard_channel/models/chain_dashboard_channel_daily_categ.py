from odoo import fields, models
from odoo.tools import SQL


class ChainDashboardChannelDailyCateg(models.Model):
    """Sales of one product category on one online channel fulfilled by one store on one day
    (see ``chain.dashboard.channel.daily``): what the dashboard reads under a category filter.

    ``tickets`` counts the orders holding at least one line of the category.
    """

    _name = "chain.dashboard.channel.daily.categ"
    _inherit = "chain.dashboard.summary"
    _description = "Daily Channel Sales Summary by Category"
    _order = "date desc, store_id, channel_id, categ_id"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server

    channel_id = fields.Many2one(
        "chain.channel", string="Sales Channel", required=True, readonly=True, index=True, ondelete="cascade"
    )
    categ_id = fields.Many2one(
        "product.category", string="Product Category", required=True, readonly=True, index=True, ondelete="cascade"
    )
    tickets = fields.Integer(
        string="Orders", readonly=True, help="Number of confirmed channel orders with a line of the category."
    )
    member_sales = fields.Monetary(readonly=True, help="Always 0: members are a POS notion.")

    _sql_constraints = [
        (
            "cell_uniq",
            "unique(store_id, date, channel_id, categ_id)",
            "One channel summary per store, day, channel and category.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS chain_dashboard_channel_daily_categ_date_idx"
                " ON %s (date, store_id, categ_id)",
                SQL.identifier(self._table),
            )
        )

    def _chain_refresh_sql(self, date_from, date_to, tz, store_ids=None):
        """Same as ``chain.dashboard.channel.daily._chain_refresh_sql``, grouped by category too."""
        Dashboard = self.env["chain.dashboard"]
        return SQL(
            """
            INSERT INTO chain_dashboard_channel_daily_categ (
                store_id, company_id, channel_id, categ_id, date, sales, sales_untaxed, margin, units,
                tickets, member_sales, create_uid, write_uid, create_date, write_date)
            SELECT st.id, st.company_id, o.chain_channel_id, pt.categ_id, %(day)s,
                   SUM(l.price_total), SUM(l.price_subtotal),
                   SUM(l.price_subtotal - %(cost)s * l.product_uom_qty), SUM(l.product_uom_qty),
                   COUNT(DISTINCT o.id), 0,
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM sale_order_line l
              JOIN sale_order o ON o.id = l.order_id
              JOIN chain_store st ON st.warehouse_id = o.warehouse_id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE %(where)s AND pt.categ_id IS NOT NULL
             GROUP BY st.id, st.company_id, o.chain_channel_id, pt.categ_id, %(day)s
            ON CONFLICT (store_id, date, channel_id, categ_id) DO UPDATE SET
                sales = EXCLUDED.sales, sales_untaxed = EXCLUDED.sales_untaxed,
                margin = EXCLUDED.margin, units = EXCLUDED.units, tickets = EXCLUDED.tickets,
                member_sales = EXCLUDED.member_sales,
                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            """,
            day=Dashboard._chain_local_day_sql(tz),
            cost=Dashboard._chain_sale_cost_sql(),
            where=Dashboard._chain_sale_where(date_from, date_to, tz, store_ids),
            uid=self.env.uid,
        )
