from odoo import models


class PosConfig(models.Model):
    _inherit = "pos.config"
    _chain_guarded_fields = {}  # no field added

    def _get_special_products(self):
        # the lines paying with stored value (principal and bonus) and the deposit lines: loaded in every
        # till, whatever its categories (the cashier never picks them from the product list)
        pay, bonus = self.env["pos.order"]._chain_wallet_products()
        deposit = self.env.company._chain_deposit_product()
        return super()._get_special_products() | pay | bonus | deposit
