from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # settings: their access rights are the guard

    chain_requisition_approval = fields.Boolean(related="company_id.chain_requisition_approval", readonly=False)
    chain_allocation_approval = fields.Boolean(related="company_id.chain_allocation_approval", readonly=False)
    chain_replenish_history_days = fields.Integer(related="company_id.chain_replenish_history_days", readonly=False)
