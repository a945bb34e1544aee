from odoo import models
from odoo.tools import SQL


class ChainDashboardDaily(models.Model):
    _inherit = "chain.dashboard.daily"

    def _chain_member_sales_sql(self, date_from, date_to, tz, store_ids=None):
        """The ``UPDATE`` that sets the members' sales and tickets of the summaries of the
        local days ``date_from``..``date_to`` (of ``store_ids`` when given): the paid POS
        order lines whose customer is a member (``chain.dashboard._chain_member_join_sql``),
        0 where there is none. Set-based: one statement for every store and day."""
        Dashboard = self.env["chain.dashboard"]
        return SQL(
            """
            UPDATE chain_dashboard_daily summary
               SET member_sales = COALESCE(member.sales, 0), member_tickets = COALESCE(member.tickets, 0)
              FROM chain_dashboard_daily target
              LEFT JOIN (
                    SELECT cfg.chain_store_id AS store_id, %(day)s AS day,
                           SUM(l.price_subtotal_incl) AS sales, COUNT(DISTINCT o.id) AS tickets
                      FROM pos_order_line l
                      JOIN pos_order o ON o.id = l.order_id
                      JOIN pos_config cfg ON cfg.id = o.config_id
                      %(members)s
                     WHERE %(where)s
                     GROUP BY 1, 2
              ) member ON member.store_id = target.store_id AND member.day = target.date
             WHERE summary.id = target.id AND %(target)s
            """,
            day=Dashboard._chain_local_day_sql(tz),
            members=Dashboard._chain_member_join_sql("o"),
            where=Dashboard._chain_order_where(date_from, date_to, tz, store_ids),
            target=Dashboard._chain_summary_target_sql("target", date_from, date_to, store_ids),
        )
