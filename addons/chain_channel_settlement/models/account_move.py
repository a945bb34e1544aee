# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"
    # set once, by the invoicing of a channel order (sale.order._chain_settlement_invoice)
    _chain_guarded_fields = {
        "chain_channel_id": ("_chain_link_channel_order",),
        "chain_platform_order_id": ("_chain_link_channel_order",),
        "chain_channel_buyer_id": ("_chain_link_channel_order",),
    }

    chain_channel_id = fields.Many2one(
        "chain.channel", string="Sales Channel", index="btree_not_null", readonly=True, copy=False
    )
    chain_platform_order_id = fields.Char(
        string="Platform Order",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The platform's order id: settlement lines are matched to the invoice by it.",
    )
    chain_channel_buyer_id = fields.Many2one(
        "res.partner",
        string="Buyer",
        readonly=True,
        copy=False,
        help="Who bought on the platform; the platform, the invoice's partner, pays.",
    )

    def _chain_link_channel_order(self, order):
        """Link this invoice to the channel order ``order``: its channel, platform order id
        (settlement lines are matched by it) and buyer."""
        self.write(
            {
                "chain_channel_id": order.chain_channel_id.id,
                "chain_platform_order_id": order.chain_platform_order_id,
                "chain_channel_buyer_id": order.partner_id.id,
            }
        )
