from odoo import fields, models
from odoo.tools import SQL


class ChainDashboardDaily(models.Model):
    _inherit = "chain.dashboard.daily"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server

    formula_sales = fields.Monetary(
        string="Formula Sales (untaxed)",
        readonly=True,
        help="Untaxed sales of infant formula (products with a formula stage): the formula share "
        "of the store's sales, against its monthly target.",
    )

    def _chain_formula_sales_sql(self, date_from, date_to, tz, store_ids=None):
        """The ``UPDATE`` that sets the formula sales of the summaries of the local days
        ``date_from``..``date_to`` (of ``store_ids`` when given): the untaxed amount of the paid
        POS lines whose product has a formula stage, 0 where there is none. One statement for
        every store and day."""
        Dashboard = self.env["chain.dashboard"]
        return SQL(
            """
            UPDATE chain_dashboard_daily summary
               SET formula_sales = COALESCE(formula.sales, 0)
              FROM chain_dashboard_daily target
              LEFT JOIN (
                    SELECT cfg.chain_store_id AS store_id, %(day)s AS day, SUM(l.price_subtotal) AS sales
                      FROM pos_order_line l
                      JOIN pos_order o ON o.id = l.order_id
                      JOIN pos_config cfg ON cfg.id = o.config_id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE %(where)s AND pt.chain_formula_stage IS NOT NULL
                     GROUP BY 1, 2
              ) formula ON formula.store_id = target.store_id AND formula.day = target.date
             WHERE summary.id = target.id AND %(target)s
            """,
            day=Dashboard._chain_local_day_sql(tz),
            where=Dashboard._chain_order_where(date_from, date_to, tz, store_ids),
            target=self._chain_summary_where("target", date_from, date_to, store_ids),
        )

    def _chain_summary_where(self, alias, date_from, date_to, store_ids=None):
        table = SQL.identifier(alias)
        where = SQL("%s.date BETWEEN %s AND %s", table, date_from, date_to)
        if store_ids is not None:
            where = SQL("%s AND %s.store_id = ANY(%s)", where, table, list(store_ids))
        return where
