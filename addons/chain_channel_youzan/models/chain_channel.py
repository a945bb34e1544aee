# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ChainChannel(models.Model):
    _inherit = "chain.channel"
    _chain_guarded_fields = {}  # Youzan settings: channel managers; the token by the adapter

    platform = fields.Selection(selection_add=[("youzan", "Youzan")], ondelete={"youzan": "cascade"})
    youzan_token_expires = fields.Datetime(
        string="Youzan Token Expires",
        groups="chain_channel.group_channel_manager",
        copy=False,
        help="When the cached Youzan access token expires; a new one is asked for five minutes before.",
    )
    youzan_timeout = fields.Float(
        string="Youzan Timeout (s)",
        default=10.0,
        groups="chain_channel.group_channel_manager",
        help="Seconds to wait for an answer of the Youzan API before retrying later.",
    )
    youzan_incremental_stock = fields.Boolean(
        string="Incremental Stock Updates",
        groups="chain_channel.group_channel_manager",
        help="Send stock changes as increments (Youzan update type 1) instead of the quantity to show. "
        "An increment whose outcome is unknown (timeout) is sent again as the quantity to show.",
    )
