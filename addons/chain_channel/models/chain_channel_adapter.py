# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ChainChannelAdapter(models.AbstractModel):
    """What a platform adapter provides to the core (``chain.channel.adapter.<platform>``).

    Inbound: ``verify_request`` raises ``ChannelAuthError``; ``parse_messages`` returns
    normalized messages ``{key, event, platform_order_id, occurred_at, order}`` or raises
    ``ChannelPayloadError``; ``ack_response`` gives ``(status, body, content type)``. A message
    the adapter can tell apart but not read (a bad trade in a page of a pull) is
    ``{key, platform_order_id, unreadable: reason}``: the core keeps it in attention with the
    reason, and the rest goes on.
    Outbound: ``push_stock(channel, [{sku, qty}])`` returns ``[{sku, ok, error, platform_qty}]``
    and raises ``ChannelTransientError`` / ``ChannelRateLimited`` for retryable failures.
    Pull and reconciliation: ``fetch_orders`` (a page of a time window), ``fetch_order_ids`` and
    ``fetch_stock``; an adapter that cannot raises ``NotImplementedError`` and is skipped.
    """

    _name = "chain.channel.adapter"
    _description = "Sales Channel Adapter"
    _chain_guarded_fields = {}  # no field: the contract of a platform adapter

    @api.model
    def verify_request(self, channel, headers, raw_body, now):
        raise NotImplementedError

    @api.model
    def parse_messages(self, channel, headers, raw_body):
        raise NotImplementedError

    @api.model
    def ack_response(self, channel, ok):
        return (200 if ok else 400), b"ok" if ok else b"error", "text/plain"

    @api.model
    def fetch_orders(self, channel, start, end, page, page_size):
        raise NotImplementedError

    @api.model
    def fetch_order_ids(self, channel, start, end):
        """Set of the platform's order ids updated in ``[start, end)`` (order reconciliation)."""
        raise NotImplementedError

    @api.model
    def fetch_stock(self, channel, skus):
        """``{sku: qty}`` the platform shows; a SKU it does not know is absent (stock reconciliation)."""
        raise NotImplementedError

    @api.model
    def push_stock(self, channel, items):
        raise NotImplementedError

    @api.model
    def rate_limit(self, channel):
        """Calls per second the platform accepts."""
        return 5.0

    @api.model
    def max_push_batch(self, channel):
        """Items per ``push_stock`` call."""
        return 50

    @api.model
    def max_clock_skew(self):
        """Seconds a signed timestamp may differ from now (system parameter)."""
        # sudo: system parameters are readable by administrators only
        value = self.env["ir.config_parameter"].sudo().get_param("chain_channel.max_clock_skew", "300")
        try:
            return float(value)
        except ValueError:
            return 300.0
