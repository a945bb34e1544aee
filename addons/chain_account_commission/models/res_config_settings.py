from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # settings: administrators (ACL of the settings)

    chain_commission_expense_account_id = fields.Many2one(
        related="company_id.chain_commission_expense_account_id", readonly=False
    )
    chain_commission_payable_account_id = fields.Many2one(
        related="company_id.chain_commission_payable_account_id", readonly=False
    )
    chain_commission_journal_id = fields.Many2one(related="company_id.chain_commission_journal_id", readonly=False)
