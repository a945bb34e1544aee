from odoo import api, models

from odoo.addons.chain_channel.lib.errors import ChannelAuthError, ChannelPayloadError
from odoo.addons.chain_channel_youzan.lib import youzan_protocol as yz
from odoo.addons.chain_channel_youzan.lib import youzan_trades as yzt

from ..lib import youzan_customers


class ChainChannelAdapterYouzan(models.AbstractModel):
    """Youzan's customer messages become ``chain_member_channel``'s member messages: the
    channel's member logic links the customer's ``yz_open_id`` to the member with her mobile."""

    _inherit = "chain.channel.adapter.youzan"

    @api.model
    def verify_request(self, channel, headers, raw_body, now):
        """The trade messages' checks (signature, shop), and the clock-skew limit on the
        ``version`` of a customer message too: a replayed old customer message is refused."""
        super().verify_request(channel, headers, raw_body, now)
        try:
            body = yz.parse_json(raw_body, "push body")
        except ChannelPayloadError:
            return  # signed but malformed: parse_messages flags it
        if youzan_customers.is_customer_push(body) and body.get("test") is not True:
            try:
                occurred = yzt.message_time(body)
            except ChannelPayloadError as error:
                raise ChannelAuthError("message has no usable version", cause=error.reason) from None
            yz.check_skew(occurred, now, self.max_clock_skew())

    @api.model
    def parse_messages(self, channel, headers, raw_body):
        """A customer message gives one member message (see ``lib.youzan_customers``), or none
        for an event we do not act on; one that cannot be read is refused with the reason, as
        a trade message is. The other pushes are the trade parser's."""
        try:
            body = yz.parse_json(raw_body, "push body")
        except ChannelPayloadError:
            body = None  # the trade parser refuses it with its reason
        if body is None or not youzan_customers.is_customer_push(body):
            return super().parse_messages(channel, headers, raw_body)
        if body.get("test") is True:
            return []
        try:
            return youzan_customers.parse_customer_push(body)
        except ChannelPayloadError as error:
            details = dict(getattr(error, "details", None) or {})
            reason = self.env._("Youzan customer message cannot be read: %s", error.reason)
            raise ChannelPayloadError(reason, **details) from None
