from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # settings: no workflow

    # the public lead form of the stores (leadform)
    chain_crm_form_consent_text = fields.Text(related="company_id.chain_crm_form_consent_text", readonly=False)
    chain_crm_form_ip_limit = fields.Integer(related="company_id.chain_crm_form_ip_limit", readonly=False)
    chain_crm_form_store_limit = fields.Integer(related="company_id.chain_crm_form_store_limit", readonly=False)
    chain_crm_form_product_tmpl_ids = fields.Many2many(
        related="company_id.chain_crm_form_product_tmpl_ids", readonly=False
    )
