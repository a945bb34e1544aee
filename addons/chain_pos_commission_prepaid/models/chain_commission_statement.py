from odoo import api, models
from odoo.tools import SQL


class ChainCommissionStatement(models.Model):
    _inherit = "chain.commission.statement"

    @api.model
    def _chain_bonus_figures(self, base, stores, date_from, date_to):
        """``topup``: the stored-value top-ups (储值) posted in the period, per store and guide of the
        top-up line: ``(number of top-up lines, amount topped up)``, the bonus given by the company's
        top-up rule not included. ``deposit``: the formula deposits (奶粉寄存) sold in the period, per
        store and guide of the deposit line: ``(number of deposits, amount paid)``, what was refunded
        of a deposit deducted and a deposit refunded in full not counted. Both by the local day the
        top-up or deposit was recorded (``date``), lines without a guide not counted."""
        if base == "topup":
            return self._chain_bonus_rows(self._chain_topup_sql(stores, date_from, date_to))
        if base == "deposit":
            return self._chain_bonus_rows(self._chain_deposit_sql(stores, date_from, date_to))
        return super()._chain_bonus_figures(base, stores, date_from, date_to)

    @api.model
    def _chain_bonus_rows(self, query):
        self.env.flush_all()
        self.env.cr.execute(query)
        return {
            (store_id, employee_id): (int(count), float(amount))
            for store_id, employee_id, count, amount in self.env.cr.fetchall()
        }

    @api.model
    def _chain_topup_sql(self, stores, date_from, date_to):
        """The top-up lines of the orders whose top-up was posted on the members' stored value
        (one ``topup`` move per order) between ``date_from`` (included) and ``date_to`` (excluded)."""
        return SQL(
            """
            SELECT w.store_id, l.chain_guide_id, COUNT(*), COALESCE(SUM(l.price_subtotal_incl), 0)
              FROM chain_member_wallet_line w
              JOIN pos_order_line l ON l.order_id = w.pos_order_id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE w.kind = 'topup' AND w.store_id = ANY(%(stores)s)
               AND w.date >= %(date_from)s AND w.date < %(date_to)s
               AND pt.chain_prepaid_kind = 'wallet_topup' AND l.qty > 0
               AND l.chain_guide_id IS NOT NULL
             GROUP BY 1, 2
            """,
            stores=stores.ids,
            date_from=date_from,
            date_to=date_to,
        )

    @api.model
    def _chain_deposit_sql(self, stores, date_from, date_to):
        """The deposits sold between ``date_from`` (included) and ``date_to`` (excluded), by the
        guide of the line that sold them, net of the units refunded."""
        return SQL(
            """
            SELECT d.store_id, l.chain_guide_id, COUNT(*),
                   COALESCE(SUM(d.unit_price * (d.qty_deposited - COALESCE(d.qty_refunded, 0))), 0)
              FROM chain_member_deposit d
              JOIN pos_order_line l ON l.id = d.pos_order_line_id
             WHERE d.store_id = ANY(%(stores)s) AND d.date >= %(date_from)s AND d.date < %(date_to)s
               AND d.qty_deposited > COALESCE(d.qty_refunded, 0)
               AND l.chain_guide_id IS NOT NULL
             GROUP BY 1, 2
            """,
            stores=stores.ids,
            date_from=date_from,
            date_to=date_to,
        )
