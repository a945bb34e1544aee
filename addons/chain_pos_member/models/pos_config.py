from odoo import models


class PosConfig(models.Model):
    _inherit = "pos.config"
    _chain_guarded_fields = {}  # no field added

    def _get_special_products(self):
        # the discount line of a points redemption: loaded in every till, whatever its categories
        product = self.env.company.chain_pos_redeem_product_id
        return super()._get_special_products() | product
