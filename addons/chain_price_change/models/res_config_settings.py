from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # the company's setting

    chain_price_change_approval = fields.Boolean(related="company_id.chain_price_change_approval", readonly=False)
