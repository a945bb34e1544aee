from odoo import api, models

from ..lib import member_channel


class ChainChannelAdapterGeneric(models.AbstractModel):
    _inherit = "chain.channel.adapter.generic"

    @api.model
    def parse_messages(self, channel, headers, raw_body):
        """The core's order messages, plus the member messages (``member_updated``) of the
        body (``lib.member_channel.split_member_messages``), which the core does not know."""
        members, rest = member_channel.split_member_messages(raw_body)
        if not members:
            return super().parse_messages(channel, headers, raw_body)
        return members + (super().parse_messages(channel, headers, rest) if rest is not None else [])
