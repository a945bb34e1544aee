from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # the company's setting

    chain_count_approval = fields.Boolean(related="company_id.chain_count_approval", readonly=False)
    chain_count_recount_qty = fields.Float(related="company_id.chain_count_recount_qty", readonly=False)
    chain_count_recount_percent = fields.Float(related="company_id.chain_count_recount_percent", readonly=False)
    chain_count_recount_value = fields.Monetary(related="company_id.chain_count_recount_value", readonly=False)
