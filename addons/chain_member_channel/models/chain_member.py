from odoo import api, fields, models
from odoo.tools import SQL


class ChainMember(models.Model):
    _inherit = "chain.member"

    @api.model
    def _chain_spend_sql(self, company, start_date):
        """The POS purchases, plus the confirmed channel orders of the members from
        ``start_date`` on (their total incl. tax, on the order date). An order refunded or
        cancelled on the platform counts nothing: a cancelled order leaves state ``sale``,
        one returned after delivery keeps it but has its refund date."""
        # the statement reads the table: the orders written in this transaction first
        self.env["sale.order"].flush_model(
            ["partner_id", "company_id", "chain_channel_id", "state", "chain_channel_refund_date", "date_order"]
        )
        channel = SQL(
            """
            SELECT spend_member.id AS member_id, sale_order.amount_total AS amount
              FROM sale_order
              JOIN res_partner spend_partner ON spend_partner.id = sale_order.partner_id
              JOIN chain_member spend_member
                ON spend_member.partner_id = spend_partner.commercial_partner_id
               AND spend_member.company_id = sale_order.company_id
             WHERE sale_order.company_id = %s
               AND sale_order.chain_channel_id IS NOT NULL
               AND sale_order.state = 'sale'
               AND sale_order.chain_channel_refund_date IS NULL
               AND sale_order.date_order >= %s
            """,
            company.id,
            fields.Datetime.to_datetime(start_date),
        )
        return SQL("%s UNION ALL %s", super()._chain_spend_sql(company, start_date), channel)
