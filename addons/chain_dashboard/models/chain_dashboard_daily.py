from odoo import fields, models
from odoo.tools import SQL


class ChainDashboardDaily(models.Model):
    """Sales of one store on one day, aggregated from the POS order lines."""

    _name = "chain.dashboard.daily"
    _inherit = "chain.dashboard.summary"
    _description = "Daily Store Sales Summary"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server

    member_tickets = fields.Integer(readonly=True)

    _sql_constraints = [
        ("store_date_uniq", "unique(store_id, date)", "One summary per store and day."),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS chain_dashboard_daily_date_store_idx ON %s (date, store_id)",
                SQL.identifier(self._table),
            )
        )

    def _chain_refresh_sql(self, date_from, date_to, tz, store_ids=None):
        """The ``INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE`` that aggregates the paid
        POS order lines of the local days ``date_from``..``date_to`` (included), restricted to
        ``store_ids`` when given."""
        return SQL(
            """
            INSERT INTO chain_dashboard_daily (
                store_id, company_id, date, sales, sales_untaxed, margin, units, tickets,
                member_sales, member_tickets, create_uid, write_uid, create_date, write_date)
            SELECT cfg.chain_store_id, st.company_id, %(day)s,
                   SUM(l.price_subtotal_incl), SUM(l.price_subtotal),
                   SUM(l.price_subtotal - COALESCE(l.total_cost, 0)), SUM(l.qty),
                   COUNT(DISTINCT o.id),
                   SUM(l.price_subtotal_incl) FILTER (WHERE o.partner_id IS NOT NULL),
                   COUNT(DISTINCT o.id) FILTER (WHERE o.partner_id IS NOT NULL),
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM pos_order_line l
              JOIN pos_order o ON o.id = l.order_id
              JOIN pos_config cfg ON cfg.id = o.config_id
              JOIN chain_store st ON st.id = cfg.chain_store_id
             WHERE %(where)s
             GROUP BY cfg.chain_store_id, st.company_id, %(day)s
            ON CONFLICT (store_id, date) DO UPDATE SET
                sales = EXCLUDED.sales, sales_untaxed = EXCLUDED.sales_untaxed,
                margin = EXCLUDED.margin, units = EXCLUDED.units, tickets = EXCLUDED.tickets,
                member_sales = EXCLUDED.member_sales, member_tickets = EXCLUDED.member_tickets,
                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            """,
            day=self.env["chain.dashboard"]._chain_local_day_sql(tz),
            where=self.env["chain.dashboard"]._chain_order_where(date_from, date_to, tz, store_ids),
            uid=self.env.uid,
        )
