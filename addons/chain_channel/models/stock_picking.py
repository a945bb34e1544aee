# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models, tools

GROUP_INDEX = "stock_picking_chain_group_id_index"


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
