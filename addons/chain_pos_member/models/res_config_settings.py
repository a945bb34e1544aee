from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # a settings wizard: writes the company's configuration

    chain_pos_points_per_unit = fields.Integer(related="company_id.chain_pos_points_per_unit", readonly=False)
    chain_pos_redeem_product_id = fields.Many2one(related="company_id.chain_pos_redeem_product_id", readonly=False)
