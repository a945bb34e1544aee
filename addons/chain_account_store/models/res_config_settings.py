from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # settings: administrators (ACL of the settings)

    chain_transit_account_id = fields.Many2one(related="company_id.chain_transit_account_id", readonly=False)
    chain_shrinkage_account_ids = fields.Many2many(related="company_id.chain_shrinkage_account_ids", readonly=False)
    chain_commission_account_ids = fields.Many2many(related="company_id.chain_commission_account_ids", readonly=False)
    chain_sale_tax_id = fields.Many2one(related="company_id.chain_sale_tax_id", readonly=False)
    chain_sale_tax_reduced_id = fields.Many2one(related="company_id.chain_sale_tax_reduced_id", readonly=False)
    chain_sale_tax_service_id = fields.Many2one(related="company_id.chain_sale_tax_service_id", readonly=False)
    chain_pos_tax_included = fields.Boolean(related="company_id.chain_pos_tax_included", readonly=False)

    def action_chain_setup_cn_taxes(self):
        """Settings button: set up the Chinese VAT rates (tax-included 13%, 9%, 6%)."""
        self.env["res.company"]._chain_check_account_admin()
        self.company_id._chain_account_setup_cn_taxes()
        return {"type": "ir.actions.client", "tag": "reload"}
