from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"
    _chain_guarded_fields = {}  # no field of its own

    def _add_mls_related_to_order(self, related_order_lines, are_qties_done=True):
        # The lots on the POS lines are what left the shop: reserve exactly those, even a lot
        # the expiry rules would never reserve (sold with a manager's override), rather than
        # let the reservation substitute a first-expiry lot.
        moves = self.with_context(chain_reserve_any=True)
        return super(StockMove, moves)._add_mls_related_to_order(related_order_lines, are_qties_done=are_qties_done)

    def _should_assign_at_confirm(self):
        # A POS move of lot-tracked goods gets its move lines from the lots on the order lines
        # (``_add_mls_related_to_order`` deletes whatever was reserved first): reserving other
        # lots at confirmation only costs a reservation and its undoing per line.
        if self.env.context.get("chain_pos_exact_lots") and self._chain_pos_lots_from_order():
            return False
        return super()._should_assign_at_confirm()

    def _chain_pos_lots_from_order(self):
        self.ensure_one()
        picking_type = self.picking_type_id
        return self.product_id.tracking != "none" and (picking_type.use_existing_lots or picking_type.use_create_lots)
