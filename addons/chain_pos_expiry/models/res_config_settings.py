from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # settings: their access rights are the guard

    pos_chain_expiry_mode = fields.Selection(related="pos_config_id.chain_expiry_mode", readonly=False)
