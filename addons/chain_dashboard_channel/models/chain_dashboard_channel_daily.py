from odoo import fields, models
from odoo.tools import SQL

SALE_ORDER_INDEXES = {
    "sale_order_chain_channel_date_order_idx": "date_order",
    "sale_order_chain_channel_write_date_idx": "write_date",
}


class ChainDashboardChannelDaily(models.Model):
    """Sales of one online channel fulfilled by one store on one day, aggregated from the
    confirmed channel sale orders (see ``chain.dashboard._chain_sale_where``).

    The store is the one whose warehouse ships the order; the day is the local day of the
    order date in the chain's time zone. ``member_sales`` stays 0: members are a POS notion,
    a marketplace buyer is not a member of the chain.
    """

    _name = "chain.dashboard.channel.daily"
    _inherit = "chain.dashboard.summary"
    _description = "Daily Channel Sales Summary"
    _order = "date desc, store_id, channel_id"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server

    channel_id = fields.Many2one(
        "chain.channel", string="Sales Channel", required=True, readonly=True, index=True, ondelete="cascade"
    )
    tickets = fields.Integer(string="Orders", readonly=True, help="Number of confirmed channel orders.")
    member_sales = fields.Monetary(readonly=True, help="Always 0: members are a POS notion.")

    _sql_constraints = [
        (
            "store_date_channel_uniq",
            "unique(store_id, date, channel_id)",
            "One channel summary per store, day and channel.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS chain_dashboard_channel_daily_date_store_idx ON %s (date, store_id)",
                SQL.identifier(self._table),
            )
        )
        # the refresh reads the channel orders of some days, the cron those written lately:
        # partial indexes, small (channel orders only); dropped by the uninstall hook
        for name, column in SALE_ORDER_INDEXES.items():
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON sale_order (%s) WHERE chain_channel_id IS NOT NULL",
                    SQL.identifier(name),
                    SQL.identifier(column),
                )
            )

    def _chain_refresh_sql(self, date_from, date_to, tz, store_ids=None):
        """The ``INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE`` that aggregates the lines
        of the confirmed channel orders of the local days ``date_from``..``date_to`` (included),
        restricted to ``store_ids`` when given. Margin is the untaxed amount minus the product's
        cost of the company times the quantity (quantities in the line's unit)."""
        Dashboard = self.env["chain.dashboard"]
        return SQL(
            """
            INSERT INTO chain_dashboard_channel_daily (
                store_id, company_id, channel_id, date, sales, sales_untaxed, margin, units, tickets,
                member_sales, create_uid, write_uid, create_date, write_date)
            SELECT st.id, st.company_id, o.chain_channel_id, %(day)s,
                   SUM(l.price_total), SUM(l.price_subtotal),
                   SUM(l.price_subtotal - %(cost)s * l.product_uom_qty), SUM(l.product_uom_qty),
                   COUNT(DISTINCT o.id), 0,
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM sale_order_line l
              JOIN sale_order o ON o.id = l.order_id
              JOIN chain_store st ON st.warehouse_id = o.warehouse_id
              LEFT JOIN product_product pp ON pp.id = l.product_id
             WHERE %(where)s
             GROUP BY st.id, st.company_id, o.chain_channel_id, %(day)s
            ON CONFLICT (store_id, date, channel_id) DO UPDATE SET
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
