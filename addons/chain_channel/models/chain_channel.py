# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

MANAGER = "chain_channel.group_channel_manager"


class ChainChannel(models.Model):
    """An online shop (WeChat mini-shop, Youzan, ...) that sells the chain's stock."""

    _name = "chain.channel"
    _description = "Sales Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=False)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    platform = fields.Selection(
        [("generic", "Generic webhook")], required=True, default="generic", ondelete={"generic": "cascade"}
    )
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    api_url = fields.Char(string="API URL", groups=MANAGER, help="Base URL of the platform's API.")
    app_key = fields.Char(groups=MANAGER)
    app_secret = fields.Char(groups=MANAGER, help="Shared secret that signs the platform's messages.")
    access_token = fields.Char(groups=MANAGER, copy=False)
    shop_ref = fields.Char(string="Shop Reference", groups=MANAGER, help="The shop's id on the platform.")
    store_ids = fields.Many2many(
        "chain.store",
        string="Fulfilling Stores",
        help="Stores that ship this channel's orders, in order of preference; their sellable stock is offered.",
    )
    warehouse_ids = fields.Many2many("stock.warehouse", compute="_compute_warehouse_ids", string="Warehouses")
    pricelist_id = fields.Many2one("product.pricelist", string="Pricelist")
    stock_share = fields.Float(default=1.0, help="Share of the sellable stock offered on this channel (0 to 1).")
    stock_buffer = fields.Float(help="Units kept back from the channel, after the share.")
    stock_min = fields.Integer(string="Minimum Offered", help="Quantity shown at least while the stock covers it.")
    stock_max = fields.Integer(string="Maximum Offered", help="Cap on the quantity shown; 0 means no cap.")
    push_rate_share = fields.Float(
        default=0.5,
        help="Share of the platform's published rate limit that stock pushes use (0 to 1), leaving the rest "
        "for order pulls and other calls.",
    )
    pull_cursor = fields.Datetime(copy=False, help="Orders updated before this time have been pulled.")
    product_ids = fields.One2many("chain.channel.product", "channel_id", string="Products")
    message_count = fields.Integer(compute="_compute_message_count")

    @api.depends("store_ids.warehouse_id")
    def _compute_warehouse_ids(self):
        for channel in self:
            channel.warehouse_ids = channel.store_ids.warehouse_id

    def _compute_message_count(self):
        groups = self.env["chain.channel.message"]._read_group(
            [("channel_id", "in", self.ids)], ["channel_id"], ["__count"]
        )
        counts = {channel.id: count for channel, count in groups}
        for channel in self:
            channel.message_count = counts.get(channel.id, 0)

    @api.constrains("stock_share", "stock_buffer", "stock_min", "stock_max", "push_rate_share")
    def _check_stock_params(self):
        for channel in self:
            if not 0.0 < channel.push_rate_share <= 1.0:
                raise ValidationError(
                    _("The push rate share of channel %s must be above 0 and at most 1.", channel.name)
                )
            if not 0.0 <= channel.stock_share <= 1.0:
                raise ValidationError(_("The stock share of channel %s must be between 0 and 1.", channel.name))
            if channel.stock_buffer < 0 or channel.stock_min < 0 or channel.stock_max < 0:
                raise ValidationError(_("Buffer, minimum and maximum of channel %s cannot be negative.", channel.name))

    @api.model
    def _chain_each_active(self, method):
        """Run ``method`` (a name) on every active channel, in its own savepoint; one failing
        channel is logged and never stops the others (the crons' loop)."""
        for channel in self.search([("active", "=", True)]):
            try:
                with self.env.cr.savepoint():
                    getattr(channel, method)()
            except Exception:  # the cron must reach the next channel
                _logger.exception("Channel %s: %s failed", channel.id, method)
        return True

    def _adapter(self):
        """The adapter model of this channel's platform."""
        self.ensure_one()
        return self.env["chain.channel.adapter." + self.platform]

    def _allocation_params(self):
        return {
            "share": self.stock_share,
            "buffer": self.stock_buffer,
            "min_qty": self.stock_min,
            "max_qty": self.stock_max,
        }

    def action_view_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("chain_channel.chain_channel_message_action")
        action["domain"] = [("channel_id", "=", self.id)]
        return action
