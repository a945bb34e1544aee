from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"
    _chain_guarded_fields = {}  # no field of its own

    def _create_move_from_pos_order_lines(self, lines):
        # see stock.move._should_assign_at_confirm
        return super(StockPicking, self.with_context(chain_pos_exact_lots=True))._create_move_from_pos_order_lines(
            lines
        )
