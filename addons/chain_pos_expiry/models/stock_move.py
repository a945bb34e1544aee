from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _add_mls_related_to_order(self, related_order_lines, are_qties_done=True):
        # The lots on the POS lines are what left the shop: reserve exactly those, even a lot
        # the expiry rules would never reserve (sold with a manager's override), rather than
        # let the reservation substitute a first-expiry lot.
        moves = self.with_context(chain_reserve_any=True)
        return super(StockMove, moves)._add_mls_related_to_order(related_order_lines, are_qties_done=are_qties_done)
