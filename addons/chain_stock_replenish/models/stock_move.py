from odoo import _, api, models
from odoo.exceptions import ValidationError


class StockMove(models.Model):
    _inherit = "stock.move"
    _chain_guarded_fields = {}  # no field of its own

    @api.constrains("company_id")
    def _check_company_stock_request(self):
        """stock_request's rule (a move's allocations belong to its company) in one search for
        the whole batch: stock_request searches once per move, a second per thousand moves
        created together (e.g. a chain's quarantine transfers)."""
        allocations = self.env["stock.request.allocation"].search([("stock_move_id", "in", self.ids)])
        if any(allocation.company_id != allocation.stock_move_id.company_id for allocation in allocations):
            raise ValidationError(_("The company of the stock request must match with that of the location."))
