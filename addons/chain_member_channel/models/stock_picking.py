from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        """A channel order of a member earns its points when its deliveries are done."""
        result = super()._action_done()
        orders = self.sale_id.filtered("chain_channel_id")
        if orders:
            orders._chain_member_award_points()
        return result
