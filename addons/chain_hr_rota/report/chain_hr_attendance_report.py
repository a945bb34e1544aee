from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.chain_hr_attendance_check import STATUS


class ChainHrAttendanceReport(models.Model):
    """Monthly attendance per store and employee: a SQL view over the attendance checks, one row per
    check with 0/1 counters, summed by the pivot (rows store and employee, columns month).

    Counts use the final status (the store manager's correction when there is one).
    """

    _name = "chain.hr.attendance.report"
    _description = "Attendance Report"
    _auto = False
    _order = "date desc"
    _chain_guarded_fields = {}  # a read-only SQL view
    _chain_store_field = "store_id"
    _depends = {
        "chain.hr.attendance.check": [
            "date", "employee_id", "store_id", "company_id", "final_status", "status", "corrected_status",
            "planned_start", "planned_hours", "worked_hours", "late_minutes", "early_minutes", "overtime_minutes",
        ],
    }  # fmt: skip

    date = fields.Date(readonly=True)
    month = fields.Date(readonly=True, help="The first day of the check's month.")
    employee_id = fields.Many2one("hr.employee", readonly=True)
    store_id = fields.Many2one("chain.store", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    final_status = fields.Selection(STATUS, string="Status", readonly=True)
    planned_hours = fields.Float(readonly=True, aggregator="sum")
    worked_hours = fields.Float(readonly=True, aggregator="sum")
    planned_days = fields.Integer(readonly=True, aggregator="sum")
    late_count = fields.Integer(string="Late Arrivals", readonly=True, aggregator="sum")
    late_minutes = fields.Integer(readonly=True, aggregator="sum")
    early_count = fields.Integer(string="Early Leaves", readonly=True, aggregator="sum")
    early_minutes = fields.Integer(string="Early Leave Minutes", readonly=True, aggregator="sum")
    absent_count = fields.Integer(string="Absences", readonly=True, aggregator="sum")
    unplanned_count = fields.Integer(string="Unplanned Days", readonly=True, aggregator="sum")
    overtime_minutes = fields.Integer(readonly=True, aggregator="sum")
    corrected_count = fields.Integer(string="Corrections", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT c.id, c.date, date_trunc('month', c.date)::date AS month, c.employee_id, c.store_id,
                           c.company_id, c.final_status, c.planned_hours, c.worked_hours,
                           (c.planned_start IS NOT NULL)::int AS planned_days,
                           (c.final_status IN ('late', 'late_early'))::int AS late_count,
                           CASE WHEN c.corrected_status IS NULL OR c.final_status IN ('late', 'late_early')
                                THEN c.late_minutes ELSE 0 END AS late_minutes,
                           (c.final_status IN ('early', 'late_early'))::int AS early_count,
                           CASE WHEN c.corrected_status IS NULL OR c.final_status IN ('early', 'late_early')
                                THEN c.early_minutes ELSE 0 END AS early_minutes,
                           (c.final_status = 'absent')::int AS absent_count,
                           (c.final_status = 'unplanned')::int AS unplanned_count,
                           c.overtime_minutes,
                           (c.corrected_status IS NOT NULL)::int AS corrected_count
                      FROM chain_hr_attendance_check c
                )
                """,
                SQL.identifier(self._table),
            )
        )
