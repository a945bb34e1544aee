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

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        if fields_:  # [] means every field
            fields_ += ["chain_prepaid_kind"]  # the till never sells a prepayment as a deposit
        return fields_
