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
