from odoo import api, models


class StockValuationLayer(models.Model):
    _inherit = "stock.valuation.layer"
    _chain_guarded_fields = {}  # no field of its own

    @api.model_create_multi
    def create(self, vals_list):
        layers = super().create(vals_list)
        # a layer valuing a move dated before a ledger balance (a landed cost, a price correction)
        # changes that balance's value: forget it
        dates = layers.stock_move_id.mapped("date")
        if dates:
            self.env["chain.stock.ledger.balance"]._chain_invalidate(min(dates))
        return layers
