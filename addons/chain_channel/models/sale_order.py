# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    chain_channel_id = fields.Many2one("chain.channel", string="Sales Channel", index=True, readonly=True, copy=False)
    chain_platform_order_id = fields.Char(string="Platform Order", index=True, readonly=True, copy=False)
    chain_route_reason = fields.Char(
        string="Routing", readonly=True, copy=False, help="Why the channel order ships from its warehouse."
    )

    _sql_constraints = [
        (
            "chain_platform_order_uniq",
            "unique(chain_channel_id, chain_platform_order_id)",
            "A platform order is imported once per channel.",
        ),
    ]

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """A channel order's buyer does not follow it (Odoo's confirmation subscribes the
        customer): the platform talks to its buyers, Odoo must not mail them about the order."""
        return super().message_subscribe(partner_ids=without_buyer(self, partner_ids), subtype_ids=subtype_ids)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _compute_analytic_distribution(self):
        """Odoo looks for an analytic distribution model for each new line (a search per line of
        every channel order). When the database has no such model, no line gets one: a channel
        order's lines then keep what they have, after one lookup for the whole batch."""
        if self.env.context.get("chain_channel_import") and not self.env[
            "account.analytic.distribution.model"
        ].search_count([], limit=1):
            for line in self:
                line.analytic_distribution = line.analytic_distribution
            return
        super()._compute_analytic_distribution()


def without_buyer(records, partner_ids):
    """``partner_ids`` less the buyer (``partner_id``) of ``records`` while a channel order is
    made (its order and delivery); Odoo subscribes no one from an empty list."""
    if records.env.context.get("chain_channel_import") and partner_ids:
        return [pid for pid in partner_ids if pid not in records.partner_id.ids]
    return partner_ids
