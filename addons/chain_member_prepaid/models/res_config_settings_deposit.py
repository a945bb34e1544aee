from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # a settings wizard: writes the company's configuration

    chain_deposit_expiry_months = fields.Integer(related="company_id.chain_deposit_expiry_months", readonly=False)
    chain_prepaid_forfeit_account_id = fields.Many2one(
        related="company_id.chain_prepaid_forfeit_account_id", readonly=False
    )
