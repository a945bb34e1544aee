# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ChainChannelAdapter(models.AbstractModel):
    """Settlements in the adapter contract: ``fetch_settlement(channel, start, end, page,
    page_size)`` returns ``(lines, has_next)``, ``lines`` normalized as
    ``lib.settlement.normalize`` makes them, for the fund flow booked in ``[start, end)`` (UTC);
    it raises the core's channel errors (``ChannelTransientError``...) like the other calls, and
    ``NotImplementedError`` when the platform has no such API (its file is imported instead)."""

    _inherit = "chain.channel.adapter"
    _chain_guarded_fields = {}  # no field

    @api.model
    def fetch_settlement(self, channel, start, end, page, page_size):
        raise NotImplementedError
