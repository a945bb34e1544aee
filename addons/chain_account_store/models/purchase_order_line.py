from odoo import api, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"
    _chain_guarded_fields = {}  # no fields added

    @api.depends("order_id.picking_type_id")
    def _compute_analytic_distribution(self):
        """Lines without a distribution (from an analytic model) take the receiving store's."""
        result = super()._compute_analytic_distribution()
        for line in self:
            if line.display_type or line.analytic_distribution:
                continue
            store = line.order_id._chain_account_store()
            if store:
                # sudo: the store's analytic account may be created here by a purchaser
                line.analytic_distribution = store.sudo()._chain_analytic_distribution()
        return result
