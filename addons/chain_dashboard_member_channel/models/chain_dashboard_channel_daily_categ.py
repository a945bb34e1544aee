from odoo import fields, models
from odoo.tools import SQL


class ChainDashboardChannelDailyCateg(models.Model):
    _inherit = "chain.dashboard.channel.daily.categ"
    _chain_guarded_fields = {}  # only the help of a read-only summary figure changes

    member_sales = fields.Monetary(help="Sales of the channel orders whose customer is a member of the chain.")

    def _chain_member_sales_sql(self, date_from, date_to, tz, store_ids=None):
        """As ``chain.dashboard.channel.daily._chain_member_sales_sql``, per product category too."""
        Dashboard = self.env["chain.dashboard"]
        return SQL(
            """
            UPDATE chain_dashboard_channel_daily_categ summary
               SET member_sales = COALESCE(member.sales, 0)
              FROM chain_dashboard_channel_daily_categ target
              LEFT JOIN (
                    SELECT st.id AS store_id, %(day)s AS day, o.chain_channel_id AS channel_id, pt.categ_id,
                           SUM(l.price_total) AS sales
                      FROM sale_order_line l
                      JOIN sale_order o ON o.id = l.order_id
                      JOIN chain_store st ON st.warehouse_id = o.warehouse_id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      %(members)s
                     WHERE %(where)s
                     GROUP BY 1, 2, 3, 4
              ) member ON member.store_id = target.store_id AND member.day = target.date
                      AND member.channel_id = target.channel_id AND member.categ_id = target.categ_id
             WHERE summary.id = target.id AND %(target)s
            """,
            day=Dashboard._chain_local_day_sql(tz),
            members=Dashboard._chain_member_join_sql("o"),
            where=Dashboard._chain_sale_where(date_from, date_to, tz, store_ids),
            target=Dashboard._chain_summary_target_sql("target", date_from, date_to, store_ids),
        )
