from odoo import api, models
from odoo.tools import SQL


class ChainCommissionStatement(models.Model):
    _inherit = "chain.commission.statement"

    @api.model
    def _chain_bonus_figures(self, base, stores, date_from, date_to):
        """``channel``: the confirmed channel orders whose guide (the member's guide when the order
        arrived) works in one of ``stores``, per store and guide: ``(number of orders, untaxed
        amount)``, by the order's day in the store's time zone; an order refunded or cancelled on
        the platform before the statement is computed does not count."""
        if base != "channel":
            return super()._chain_bonus_figures(base, stores, date_from, date_to)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT e.chain_store_id, so.chain_guide_id, COUNT(*), COALESCE(SUM(so.amount_untaxed), 0)
                  FROM sale_order so
                  JOIN hr_employee e ON e.id = so.chain_guide_id
                  JOIN chain_store st ON st.id = e.chain_store_id
                 WHERE so.chain_channel_id IS NOT NULL AND so.state = 'sale'
                   AND so.chain_channel_refund_date IS NULL
                   AND e.chain_store_id = ANY(%(stores)s)
                   AND ((so.date_order AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(st.tz, 'Asia/Shanghai'))::date
                       >= %(date_from)s
                   AND ((so.date_order AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(st.tz, 'Asia/Shanghai'))::date
                       < %(date_to)s
                 GROUP BY 1, 2
                """,
                stores=stores.ids,
                date_from=date_from,
                date_to=date_to,
            )
        )
        return {
            (store_id, employee_id): (int(count), float(amount))
            for store_id, employee_id, count, amount in self.env.cr.fetchall()
        }
