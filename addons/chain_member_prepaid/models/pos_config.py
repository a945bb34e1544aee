from odoo import models


class PosConfig(models.Model):
    _inherit = "pos.config"
    _chain_guarded_fields = {}  # no field added

    def _get_special_products(self):
        # the lines paying with stored value (principal and bonus): loaded in every till, whatever its categories
        pay, bonus = self.env["pos.order"]._chain_wallet_products()
        return super()._get_special_products() | pay | bonus
