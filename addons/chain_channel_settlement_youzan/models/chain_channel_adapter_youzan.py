# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from ..lib import youzan_settlement as yzs


class ChainChannelAdapterYouzan(models.AbstractModel):
    _inherit = "chain.channel.adapter.youzan"
    _chain_guarded_fields = {}  # no field

    @api.model
    def fetch_settlement(self, channel, start, end, page, page_size):
        """A page of the shop's fund flow, signed and retried like every Youzan call
        (``_youzan_call``: token, one new token on refusal, transient errors raised)."""
        page_size = min(int(page_size), yzs.MAX_PAGE_SIZE)
        data = self._youzan_call(channel, yzs.API_SETTLEMENT_FLOW, yzs.flow_request(start, end, page, page_size))
        return yzs.parse_flow_page(data, page, page_size)
