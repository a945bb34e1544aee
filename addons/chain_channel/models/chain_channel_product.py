# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ChainChannelProduct(models.Model):
    """Which product a channel's SKU is."""

    _name = "chain.channel.product"
    _description = "Channel Product Mapping"
    _order = "channel_id, sku"
    _rec_name = "sku"
    _chain_guarded_fields = {}  # the SKU mapping: channel managers edit it

    channel_id = fields.Many2one("chain.channel", required=True, ondelete="cascade", index=True)
    sku = fields.Char(string="SKU", required=True, help="The SKU id on the platform.")
    item_id = fields.Char(string="Item", help="The platform's item (listing) id.")
    product_id = fields.Many2one("product.product", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="channel_id.company_id", store=True)

    _sql_constraints = [
        ("channel_sku_uniq", "unique(channel_id, sku)", "A SKU is mapped once per channel."),
    ]
