from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    chain_transfer_approval = fields.Boolean(related="company_id.chain_transfer_approval", readonly=False)
