from odoo import fields, models
from odoo.tools import SQL


class ChainDashboardDailyCateg(models.Model):
    """Sales of one product category in one store on one day (see ``chain.dashboard.daily``).

    ``tickets`` counts the orders holding at least one line of the category, so a ticket
    with lines of two categories counts once in each.
    """

    _name = "chain.dashboard.daily.categ"
    _inherit = "chain.dashboard.summary"
    _description = "Daily Store Sales Summary by Category"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server
    _order = "date desc, store_id, categ_id"

    categ_id = fields.Many2one(
        "product.category", string="Product Category", required=True, readonly=True, index=True, ondelete="cascade"
    )
    tickets = fields.Integer(readonly=True, help="Number of paid POS orders with a line of the category.")

    _sql_constraints = [
        ("store_date_categ_uniq", "unique(store_id, date, categ_id)", "One summary per store, day and category."),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS chain_dashboard_daily_categ_date_idx ON %s (date, store_id, categ_id)",
                SQL.identifier(self._table),
            )
        )

    def _chain_refresh_sql(self, date_from, date_to, tz, store_ids=None):
        """Same as ``chain.dashboard.daily._chain_refresh_sql``, grouped by category too."""
        return SQL(
            """
            INSERT INTO chain_dashboard_daily_categ (
                store_id, company_id, date, categ_id, sales, sales_untaxed, margin, units, tickets,
                member_sales, create_uid, write_uid, create_date, write_date)
            SELECT cfg.chain_store_id, st.company_id, %(day)s, pt.categ_id,
                   SUM(l.price_subtotal_incl), SUM(l.price_subtotal),
                   SUM(l.price_subtotal - COALESCE(l.total_cost, 0)), SUM(l.qty),
                   COUNT(DISTINCT o.id),
                   SUM(l.price_subtotal_incl) FILTER (WHERE o.partner_id IS NOT NULL),
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM pos_order_line l
              JOIN pos_order o ON o.id = l.order_id
              JOIN pos_config cfg ON cfg.id = o.config_id
              JOIN chain_store st ON st.id = cfg.chain_store_id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE %(where)s
             GROUP BY cfg.chain_store_id, st.company_id, %(day)s, pt.categ_id
            ON CONFLICT (store_id, date, categ_id) DO UPDATE SET
                sales = EXCLUDED.sales, sales_untaxed = EXCLUDED.sales_untaxed,
                margin = EXCLUDED.margin, units = EXCLUDED.units, tickets = EXCLUDED.tickets,
                member_sales = EXCLUDED.member_sales,
                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            """,
            day=self.env["chain.dashboard"]._chain_local_day_sql(tz),
            where=self.env["chain.dashboard"]._chain_order_where(date_from, date_to, tz, store_ids),
            uid=self.env.uid,
        )
