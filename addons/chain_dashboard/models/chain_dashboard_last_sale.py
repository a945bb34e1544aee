from odoo import fields, models
from odoo.tools import SQL


class ChainDashboardLastSale(models.Model):
    """The last local day a product sold in a store (POS, quantity above zero).

    The dashboard's slow movers (stock and no sale for some days) and stockouts (recent sales
    and no stock) read this table instead of the raw order lines. Written only by set-based SQL
    with the daily summaries; a refresh never moves a day backwards.
    """

    _name = "chain.dashboard.last.sale"
    _description = "Last Sale of a Product in a Store"
    _chain_guarded_fields = {}  # read-only for every user (access rights); refreshed by the server
    _chain_store_field = "store_id"
    _order = "store_id, product_id"
    _rec_name = "product_id"

    store_id = fields.Many2one("chain.store", required=True, readonly=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True, ondelete="cascade")
    date = fields.Date(string="Last Sale", required=True, readonly=True)

    _sql_constraints = [
        ("store_product_uniq", "unique(store_id, product_id)", "One last sale per store and product."),
    ]

    def _chain_refresh_sql(self, date_from, date_to, tz, store_ids=None):
        """The upsert of the last sale days found in the paid POS orders of the local days
        ``date_from``..``date_to`` (of ``store_ids`` when given); a later day wins."""
        dashboard = self.env["chain.dashboard"]
        return SQL(
            """
            INSERT INTO chain_dashboard_last_sale (store_id, product_id, date, create_uid, write_uid,
                                                  create_date, write_date)
            SELECT cfg.chain_store_id, l.product_id, MAX(%(day)s),
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM pos_order_line l
              JOIN pos_order o ON o.id = l.order_id
              JOIN pos_config cfg ON cfg.id = o.config_id
             WHERE %(where)s AND l.qty > 0
             GROUP BY cfg.chain_store_id, l.product_id
            ON CONFLICT (store_id, product_id) DO UPDATE SET
                date = GREATEST(chain_dashboard_last_sale.date, EXCLUDED.date),
                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
             WHERE chain_dashboard_last_sale.date < EXCLUDED.date
            """,
            day=dashboard._chain_local_day_sql(tz),
            where=dashboard._chain_order_where(date_from, date_to, tz, store_ids),
            uid=self.env.uid,
        )
