from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # settings of the company

    chain_rota_min_rest_hours = fields.Float(
        string="Minimum Rest Between Shifts (h)",
        default=11.0,
        help="A shift starting sooner after the employee's previous shift is flagged on the rota.",
    )
    chain_rota_week_hours = fields.Float(
        string="Regular Hours per Week",
        default=40.0,
        help="Legal regular working hours a week (China: 40). Hours past it are flagged and count as overtime.",
    )
    chain_rota_month_overtime_cap = fields.Float(
        string="Overtime Cap per Month (h)",
        default=36.0,
        help="A rota giving an employee more overtime in a month cannot be published (China: 36 hours).",
    )
    chain_rota_tickets_per_staff_hour = fields.Float(
        string="Tickets per Staff Hour",
        default=12.0,
        help="Coverage suggestions plan one person on the floor per this many POS tickets in an hour.",
    )
    # attendance against the rota (chain.hr.attendance.check)
    chain_att_late_tolerance = fields.Integer(
        string="Late Tolerance (min)",
        default=5,
        help="A check-in later than the planned start by more than this is late (counted in full).",
    )
    chain_att_early_tolerance = fields.Integer(
        string="Early Leave Tolerance (min)",
        default=5,
        help="A check-out earlier than the planned end by more than this is an early leave (counted in full).",
    )
    chain_att_overtime_min = fields.Integer(
        string="Minimum Overtime (min)",
        default=30,
        help="Minutes checked out after the planned end count as overtime from this many on.",
    )
