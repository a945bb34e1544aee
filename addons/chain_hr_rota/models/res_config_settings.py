from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"
    _chain_guarded_fields = {}  # the company's settings

    chain_rota_min_rest_hours = fields.Float(related="company_id.chain_rota_min_rest_hours", readonly=False)
    chain_rota_week_hours = fields.Float(related="company_id.chain_rota_week_hours", readonly=False)
    chain_rota_month_overtime_cap = fields.Float(related="company_id.chain_rota_month_overtime_cap", readonly=False)
    chain_rota_tickets_per_staff_hour = fields.Float(
        related="company_id.chain_rota_tickets_per_staff_hour", readonly=False
    )
    chain_att_late_tolerance = fields.Integer(related="company_id.chain_att_late_tolerance", readonly=False)
    chain_att_early_tolerance = fields.Integer(related="company_id.chain_att_early_tolerance", readonly=False)
    chain_att_overtime_min = fields.Integer(related="company_id.chain_att_overtime_min", readonly=False)
