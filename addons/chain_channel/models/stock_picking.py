# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models, tools

from .sale_order import without_buyer

GROUP_INDEX = "stock_picking_chain_group_id_index"
# the note sale_stock posts on a new delivery: "This transfer has been created from <order>"
ORIGIN_NOTE = "mail.message_origin_link"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def init(self):
        """Index the pickings' procurement group.

        Each confirmed channel order looks for an open picking of its own group to put its
        delivery in (``stock.move._search_picking_for_assignation``). Without the index PostgreSQL
        reads every open delivery of the store's picking type, and those pile up while channel
        orders wait for stock: a cost per order that grows with the backlog.
        """
        res = super().init()
        tools.create_index(self.env.cr, GROUP_INDEX, self._table, ["group_id"])
        return res

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """The buyer of a channel order does not follow its delivery either (see
        ``sale.order.message_subscribe``): the platform tells its buyers about their parcels."""
        return super().message_subscribe(partner_ids=without_buyer(self, partner_ids), subtype_ids=subtype_ids)

    def message_post_with_source(self, source_ref, **kwargs):
        """A channel order's delivery gets no "created from" note: like the order itself (no
        creation note, no tracking), it is made by the system, thousands a day; its Source
        Document and the order's Delivery button link the two."""
        if self.env.context.get("chain_channel_import") and source_ref == ORIGIN_NOTE:
            return self.env["mail.message"]
        return super().message_post_with_source(source_ref, **kwargs)
