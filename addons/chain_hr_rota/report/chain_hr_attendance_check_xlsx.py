from collections import defaultdict

from odoo import _, models

SUMMARY_FIGURES = ("planned_hours", "worked_hours", "late", "late_minutes", "early", "early_minutes", "absent",
                   "unplanned", "overtime_minutes", "corrected")  # fmt: skip


class ChainHrAttendanceCheckXlsx(models.AbstractModel):
    """Excel export of attendance checks: a summary per month, store and employee, then the days."""

    _name = "report.chain_hr_rota.attendance_check_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Attendance Check Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    def _summary(self, checks):
        """``{(month, store, employee): {figure: value}}`` of ``checks`` by their final status."""
        summary = defaultdict(lambda: dict.fromkeys(SUMMARY_FIGURES, 0))
        for check in checks:
            key = (check.date.strftime("%Y-%m"), check.store_id.display_name or "", check.employee_id.name)
            row = summary[key]
            row["planned_hours"] += check.planned_hours
            row["worked_hours"] += check.worked_hours
            late = check.final_status in ("late", "late_early")
            early = check.final_status in ("early", "late_early")
            row["late"] += late
            row["late_minutes"] += check.late_minutes if late else 0
            row["early"] += early
            row["early_minutes"] += check.early_minutes if early else 0
            row["absent"] += check.final_status == "absent"
            row["unplanned"] += check.final_status == "unplanned"
            row["overtime_minutes"] += check.overtime_minutes
            row["corrected"] += bool(check.corrected_status)
        return summary

    def generate_xlsx_report(self, workbook, data, checks):
        bold = workbook.add_format({"bold": True})
        statuses = dict(checks._fields["final_status"]._description_selection(self.env))
        sheet = workbook.add_worksheet(_("Summary"))
        sheet.write_row(
            0, 0,
            [_("Month"), _("Store"), _("Employee"), _("Planned Hours"), _("Worked Hours"), _("Late Arrivals"),
             _("Late Minutes"), _("Early Leaves"), _("Early Leave Minutes"), _("Absences"), _("Unplanned Days"),
             _("Overtime Minutes"), _("Corrections")],
            bold,
        )  # fmt: skip
        for row, (key, figures) in enumerate(sorted(self._summary(checks).items()), start=1):
            sheet.write_row(row, 0, [*key, *(round(figures[f], 2) for f in SUMMARY_FIGURES)])
        days = workbook.add_worksheet(_("Days"))
        days.write_row(
            0, 0,
            [_("Date"), _("Store"), _("Employee"), _("Planned Hours"), _("Worked Hours"), _("Late Minutes"),
             _("Early Leave Minutes"), _("Overtime Minutes"), _("Computed Status"), _("Status"),
             _("Correction Reason"), _("Corrected By")],
            bold,
        )  # fmt: skip
        for row, check in enumerate(checks.sorted(lambda c: (c.date, c.store_id.id, c.employee_id.name)), start=1):
            days.write_row(
                row, 0,
                [str(check.date), check.store_id.display_name or "", check.employee_id.name, check.planned_hours,
                 check.worked_hours, check.late_minutes, check.early_minutes, check.overtime_minutes,
                 statuses.get(check.status, ""), statuses.get(check.final_status, ""), check.correction_reason or "",
                 check.corrected_by_id.name or ""],
            )  # fmt: skip
