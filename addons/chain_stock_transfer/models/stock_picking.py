from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"
    _chain_guarded_fields = {}  # adds no field

    def _chain_short_dated_lines(self):
        # A settlement books goods where they already are (the shipment passed the transfer
        # minimum), and damaged goods go to quarantine, not on sale: no shelf-life gate for them.
        if self.env.context.get("chain_transfer_settlement"):
            return []
        return [entry for entry in super()._chain_short_dated_lines() if not entry[0].location_dest_id.chain_quarantine]
