# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"
    _chain_guarded_fields = {}  # no field

    def _action_done(self):
        """A validated delivery of a channel order invoices the order to its platform when the
        channel invoices on shipment (all the deliveries done)."""
        result = super()._action_done()
        orders = self.filtered(lambda p: p.picking_type_code == "outgoing").sale_id.filtered("chain_channel_id")
        if orders:
            orders.filtered(lambda o: o.chain_channel_id.chain_invoice_policy == "shipment")._chain_settlement_invoice()
        return result
