from odoo import models
from odoo.tools import SQL


class ChainDashboardDailyCateg(models.Model):
    _inherit = "chain.dashboard.daily.categ"

    def _chain_member_sales_sql(self, date_from, date_to, tz, store_ids=None):
        """As ``chain.dashboard.daily._chain_member_sales_sql``, per product category too."""
        Dashboard = self.env["chain.dashboard"]
        return SQL(
            """
            UPDATE chain_dashboard_daily_categ summary
               SET member_sales = COALESCE(member.sales, 0)
              FROM chain_dashboard_daily_categ target
              LEFT JOIN (
                    SELECT cfg.chain_store_id AS store_id, %(day)s AS day, pt.categ_id,
                           SUM(l.price_subtotal_incl) AS sales
                      FROM pos_order_line l
                      JOIN pos_order o ON o.id = l.order_id
                      JOIN pos_config cfg ON cfg.id = o.config_id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      %(members)s
                     WHERE %(where)s
                     GROUP BY 1, 2, 3
              ) member ON member.store_id = target.store_id AND member.day = target.date
                      AND member.categ_id IS NOT DISTINCT FROM target.categ_id
             WHERE summary.id = target.id AND %(target)s
            """,
            day=Dashboard._chain_local_day_sql(tz),
            members=Dashboard._chain_member_join_sql("o"),
            where=Dashboard._chain_order_where(date_from, date_to, tz, store_ids),
            target=Dashboard._chain_summary_target_sql("target", date_from, date_to, store_ids),
        )
