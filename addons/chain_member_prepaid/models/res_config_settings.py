from odoo import models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # a settings wizard: writes the company's configuration
