from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"
    _chain_guarded_fields = {}  # adds no field

    def action_chain_price_history(self):
        """The variant form shows the template's Price History button (its view inherits the
        template form): open the history of the variant's template."""
        self.ensure_one()
        return self.product_tmpl_id.action_chain_price_history()
