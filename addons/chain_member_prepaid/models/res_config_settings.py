from odoo import fields, models

from .res_company import LIABILITY_DOMAIN


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # a settings wizard: writes the company's configuration

    chain_prepaid_wallet_account_id = fields.Many2one(
        related="company_id.chain_prepaid_wallet_account_id", readonly=False, domain=LIABILITY_DOMAIN
    )
    chain_prepaid_deposit_account_id = fields.Many2one(
        related="company_id.chain_prepaid_deposit_account_id", readonly=False, domain=LIABILITY_DOMAIN
    )
    chain_prepaid_service_card_account_id = fields.Many2one(
        related="company_id.chain_prepaid_service_card_account_id", readonly=False, domain=LIABILITY_DOMAIN
    )
    chain_wallet_bonus_account_id = fields.Many2one(related="company_id.chain_wallet_bonus_account_id", readonly=False)
    chain_wallet_bonus_use = fields.Selection(related="company_id.chain_wallet_bonus_use", readonly=False)
    chain_deposit_expiry_months = fields.Integer(related="company_id.chain_deposit_expiry_months", readonly=False)
    chain_prepaid_forfeit_account_id = fields.Many2one(
        related="company_id.chain_prepaid_forfeit_account_id", readonly=False
    )
