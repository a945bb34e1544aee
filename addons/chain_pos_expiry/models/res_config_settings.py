from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_chain_expiry_mode = fields.Selection(related="pos_config_id.chain_expiry_mode", readonly=False)
