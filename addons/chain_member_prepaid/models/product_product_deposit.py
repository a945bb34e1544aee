from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"
    _chain_guarded_fields = {}  # no field added

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        if fields_:  # [] means every field
            fields_ += ["chain_prepaid_kind"]  # the till never sells a prepayment as a deposit
        return fields_
