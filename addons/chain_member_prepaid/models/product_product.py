from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"
    _chain_guarded_fields = {}  # no field added

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        # a variant created directly: its template was created without it (see product.template)
        products.product_tmpl_id._chain_prepaid_sync_programs()
        return products
