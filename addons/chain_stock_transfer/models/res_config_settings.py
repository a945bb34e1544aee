from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # the company's setting, above

    chain_transfer_approval = fields.Boolean(related="company_id.chain_transfer_approval", readonly=False)
