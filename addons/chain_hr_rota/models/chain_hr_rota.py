from collections import defaultdict
from datetime import date, timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import rota as rota_lib


def _next_monday():
    today = date.today()
    return today + timedelta(days=7 - today.weekday())


class ChainHrRota(models.Model):
    """The weekly rota (排班表) of a store: the shifts of its employees from Monday to Sunday.

    Flow: draft (the store manager plans, in the grid or the list) -> published (the staff see their
    shifts) -> back to draft or cancelled. Publishing refuses a store that is not open, the monthly
    overtime over the company cap and (with ``chain_hr_rota_holidays``) a shift on a validated leave;
    rest time and weekly hours are flagged on the lines, overlaps refused as they are entered.
    A rota kept as a weekly pattern (``is_template``) is never published: other weeks copy it.
    """

    _name = "chain.hr.rota"
    _description = "Store Rota"
    _inherit = ["mail.thread"]
    _order = "week_start desc, store_id, id"
    _chain_guarded_fields = {
        "state": ("action_publish", "action_reset_draft", "action_cancel"),
    }
    _chain_store_field = "store_id"

    name = fields.Char(compute="_compute_name", store=True, readonly=False, required=True, precompute=True)
    store_id = fields.Many2one(
        "chain.store", string="Store", required=True, index=True, tracking=True,
        default=lambda self: self.env.user.chain_store_id,
    )  # fmt: skip
    company_id = fields.Many2one(related="store_id.company_id", store=True, index=True)
    week_start = fields.Date(required=True, default=_next_monday, index=True, tracking=True, string="Week of")
    week_end = fields.Date(compute="_compute_week_end")
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("cancel", "Cancelled")],
        required=True, default="draft", readonly=True, copy=False, tracking=True, index=True,
    )  # fmt: skip
    is_template = fields.Boolean(
        string="Weekly Pattern", help="A rota kept as a pattern that other weeks copy; never published."
    )
    line_ids = fields.One2many("chain.hr.rota.line", "rota_id", string="Shifts", copy=False)
    line_count = fields.Integer(compute="_compute_line_count")
    warning_count = fields.Integer(compute="_compute_warning_count", string="Flags")
    coverage_under_hours = fields.Float(compute="_compute_coverage", string="Hours Under-covered")
    coverage_over_hours = fields.Float(compute="_compute_coverage", string="Hours Over-covered")
    coverage_html = fields.Html(compute="_compute_coverage", sanitize=False, string="Coverage per Hour")
    published_date = fields.Datetime(readonly=True, copy=False)

    @api.depends("store_id.code", "week_start", "is_template")
    def _compute_name(self):
        for rota in self:
            if not rota.week_start:
                rota.name = rota.store_id.code or _("New")
                continue
            year, week, _weekday = rota.week_start.isocalendar()
            label = f"{rota.store_id.code or ''} {year}-W{week:02d}".strip()
            rota.name = _("%s (pattern)", label) if rota.is_template else label

    @api.depends("week_start")
    def _compute_week_end(self):
        for rota in self:
            rota.week_end = rota.week_start and rota.week_start + timedelta(days=6)

    @api.depends("line_ids")
    def _compute_line_count(self):
        for rota in self:
            rota.line_count = len(rota.line_ids)

    @api.depends("line_ids.warning")
    def _compute_warning_count(self):
        for rota in self:
            rota.warning_count = len(rota.line_ids.filtered("warning"))

    @api.depends("line_ids.start_datetime", "line_ids.end_datetime", "store_id", "week_start")
    def _compute_coverage(self):
        for rota in self:
            if not rota.store_id or not rota.week_start:
                rota.coverage_under_hours = rota.coverage_over_hours = 0.0
                rota.coverage_html = False
                continue
            cover = rota._chain_coverage()
            rota.coverage_under_hours = sum(day["under"] for day in cover.values())
            rota.coverage_over_hours = sum(day["over"] for day in cover.values())
            rota.coverage_html = rota._chain_coverage_html(cover)

    @api.constrains("week_start")
    def _check_week_start(self):
        for rota in self:
            if rota.week_start.weekday() != 0:
                raise ValidationError(_("A rota starts on a Monday (%s is not).", rota.week_start))

    @api.constrains("store_id", "week_start", "state", "is_template")
    def _check_one_per_week(self):
        live = self.filtered(lambda r: not r.is_template and r.state != "cancel")
        if not live:
            return
        # sudo: another rota of the week counts whoever sees it
        others = self.sudo().search(
            [
                ("id", "not in", live.ids),
                ("store_id", "in", live.store_id.ids),
                ("week_start", "in", live.mapped("week_start")),
                ("is_template", "=", False),
                ("state", "!=", "cancel"),
            ]
        )
        taken = {(other.store_id.id, other.week_start) for other in others}
        seen = set()
        for rota in live:
            key = (rota.store_id.id, rota.week_start)
            if key in taken or key in seen:
                raise ValidationError(
                    _("%(store)s already has a rota for the week of %(week)s.",
                      store=rota.store_id.display_name, week=rota.week_start)
                )  # fmt: skip
            seen.add(key)

    def write(self, vals):
        if {"store_id", "week_start", "is_template"} & set(vals) and not self.env.su:
            if any(rota.state != "draft" for rota in self):
                raise UserError(_("Only a draft rota can move to another store or week."))
            if ("store_id" in vals or "week_start" in vals) and self.line_ids:
                raise UserError(_("This rota has shifts: copy it into a new rota of that store or week instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        if any(rota.state == "published" for rota in self):
            raise UserError(_("A published rota cannot be deleted: cancel it first."))

    # -- rights -----------------------------------------------------------------

    def _chain_check_manager(self):
        """Raise AccessError unless the user plans the rotas of every store of ``self`` (their store
        manager, a region manager of it, a chain manager)."""
        if self.env.su:
            return
        if not self.env.user._chain_manages_stores(self.store_id, all_of=True):
            raise AccessError(
                _("Only the manager of %s may change its rota.", ", ".join(self.store_id.mapped("display_name")))
            )

    # -- flow -----------------------------------------------------------------

    def _chain_publish_blockers(self):
        """Hook: translated messages of what keeps this rota from being published (empty: it may be)."""
        self.ensure_one()
        blockers = []
        if self.is_template:
            blockers.append(_("%s is a weekly pattern: copy it into a week's rota to publish it.", self.name))
        if self.store_id.state != "open":
            blockers.append(_("%s is not open: its rota cannot be published.", self.store_id.display_name))
        if not self.line_ids:
            blockers.append(_("Rota %s has no shift.", self.name))
        blockers.extend(self._chain_overtime_blockers())
        return blockers

    def _chain_overtime_blockers(self):
        """Messages for each employee whose overtime in a month of this rota would pass the company cap,
        counting their published shifts and this rota's."""
        self.ensure_one()
        if not self.line_ids:
            return []
        first = min(self.line_ids.mapped("date")).replace(day=1)
        last = max(self.line_ids.mapped("date"))
        # whole weeks around the months touched: overtime is counted per week
        span_from = rota_lib.week_start(first)
        span_to = (last.replace(day=28) + timedelta(days=10)).replace(day=1) + timedelta(days=6)
        # sudo: the employees' shifts in every rota count towards their monthly overtime
        others = (
            self.env["chain.hr.rota.line"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.line_ids.employee_id.ids),
                    ("date", ">=", span_from),
                    ("date", "<=", span_to),
                    ("state", "=", "published"),
                    ("is_template", "=", False),
                    ("rota_id", "!=", self.id),
                ]
            )
        )
        lines = others | self.line_ids.sudo()
        overtime = rota_lib.month_overtime(
            [(line.employee_id.id, line.date, line.start_datetime, line.hours) for line in lines],
            self.company_id.chain_rota_week_hours,
        )
        months = {(d.year, d.month) for d in self.line_ids.mapped("date")}
        cap = self.company_id.chain_rota_month_overtime_cap
        messages = []
        employees = self.line_ids.employee_id
        for (employee_id, month), hours in sorted(overtime.items()):
            if month in months and hours > cap + 1e-6:
                month_label = "%d-%02d" % month
                messages.append(
                    _("%(employee)s would work %(hours)s h of overtime in %(month)s (cap %(cap)s h).",
                      employee=employees.browse(employee_id).name, hours=hours, month=month_label, cap=cap)
                )  # fmt: skip
        return messages

    def action_publish(self):
        for rota in self:
            rota._chain_check_manager()
            if rota.state != "draft":
                raise UserError(_("Rota %s is not a draft.", rota.name))
            blockers = rota._chain_publish_blockers()
            if blockers:
                raise UserError("\n".join(blockers))
            rota.write({"state": "published", "published_date": fields.Datetime.now()})
            rota._chain_notify_published()
        return True

    def _chain_notify_published(self):
        """Hook: tell the staff of the rota their shifts are out (a chatter note on the rota)."""
        self.ensure_one()
        self.message_post(body=_("Rota published: %s shifts.", len(self.line_ids)))

    def action_reset_draft(self):
        for rota in self:
            rota._chain_check_manager()
            if rota.state == "draft":
                continue
            rota.write({"state": "draft"})
        return True

    def action_cancel(self):
        for rota in self:
            rota._chain_check_manager()
            rota.write({"state": "cancel"})
        return True

    # -- copies -----------------------------------------------------------------

    def _chain_previous_week(self):
        self.ensure_one()
        return self.search(
            [
                ("store_id", "=", self.store_id.id),
                ("week_start", "=", self.week_start - timedelta(days=7)),
                ("is_template", "=", False),
                ("state", "!=", "cancel"),
            ],
            limit=1,
        )

    def action_copy_previous_week(self):
        """Replace this draft's shifts by those of the store's previous week."""
        self.ensure_one()
        source = self._chain_previous_week()
        if not source:
            raise UserError(_("%s has no rota for the week before.", self.store_id.display_name))
        return self.action_copy_from(source.id)

    def action_copy_from(self, rota_id):
        """Replace this draft's shifts by those of rota ``rota_id`` (last week, or a weekly pattern),
        day for day; employees who left the store are skipped."""
        self.ensure_one()
        self._chain_check_manager()
        if self.state != "draft":
            raise UserError(_("Rota %s is not a draft.", self.name))
        source = self.browse(int(rota_id)).exists()
        if not source or source == self:
            raise UserError(_("Choose another rota to copy."))
        if source.store_id != self.store_id and not source.is_template:
            raise UserError(_("Only a rota of the same store, or a weekly pattern, can be copied."))
        delta = self.week_start - source.week_start
        vals_list = []
        for line in source.line_ids:
            employee = line.employee_id
            if not employee.active or employee.sudo().chain_store_id != self.store_id:  # sudo: their store
                continue
            vals = {
                "rota_id": self.id,
                "employee_id": employee.id,
                "date": line.date + delta,
                "template_id": line.template_id.id,
                "segment": line.segment,
            }
            if not line.template_id:
                vals.update(start_datetime=line.start_datetime + delta, end_datetime=line.end_datetime + delta)
            vals_list.append(vals)
        self.line_ids.unlink()
        self.env["chain.hr.rota.line"].create(vals_list)
        self.message_post(body=_("Shifts copied from %s.", source.name))
        return True

    # -- coverage ---------------------------------------------------------------

    def _chain_days(self):
        self.ensure_one()
        return [self.week_start + timedelta(days=offset) for offset in range(7)]

    def _chain_coverage(self):
        """Coverage of the week per day and hour: ``{date: {"hours": {hour: {"planned", "min",
        "under", "over"}}, "under": h, "over": h}}`` (see ``lib.rota.coverage``)."""
        self.ensure_one()
        minimums = self.env["chain.hr.coverage.rule"]._chain_minimums(self.store_id)
        intervals = [
            (line.start_datetime, line.end_datetime)
            for line in self.line_ids
            if line.start_datetime and line.end_datetime
        ]
        return rota_lib.coverage(self._chain_days(), intervals, minimums, self.store_id._chain_tz())

    def _chain_coverage_html(self, cover):
        """A table hour x day of planned / minimum headcount, under-covered hours in red."""
        hours = sorted({hour for day in cover.values() for hour in day["hours"]})
        if not hours:
            return Markup("<p>%s</p>") % _("No shift and no coverage rule for this week.")
        days = sorted(cover)
        head = Markup("").join(Markup("<th>%s</th>") % day.strftime("%a %d") for day in days)
        rows = []
        for hour in hours:
            cells = []
            for day in days:
                row = cover[day]["hours"].get(hour)
                if not row:
                    cells.append(Markup("<td></td>"))
                    continue
                text = f"{row['planned']:g}" if row["min"] is None else f"{row['planned']:g} / {row['min']}"
                css = "text-danger fw-bold" if row["under"] else ("text-success" if row["min"] is not None else "")
                cells.append(Markup('<td class="%s">%s</td>') % (css, text))
            rows.append(Markup("<tr><th>%02d:00</th>%s</tr>") % (hour, Markup("").join(cells)))
        totals = []
        for day in days:
            label = _("-%(under)s / +%(over)s h", under=cover[day]["under"], over=cover[day]["over"])
            totals.append(Markup("<td>%s</td>") % label)
        totals = Markup("").join(totals)
        return Markup(
            '<table class="table table-sm o_chain_rota_coverage"><thead><tr><th></th>%s</tr></thead>'
            "<tbody>%s</tbody><tfoot><tr><th>%s</th>%s</tr></tfoot></table>"
        ) % (head, Markup("").join(rows), escape(_("Under / over")), totals)

    # -- grid API (the OWL grid of the rota calls these) -------------------------

    def _chain_grid_employees(self):
        """The rows of the grid: the store's active employees, and anyone already on the rota."""
        self.ensure_one()
        # sudo: names and jobs of the store's staff, which the store manager plans (no private field read)
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.search(
            [("chain_store_id", "=", self.store_id.id), ("company_id", "=", self.company_id.id)]
        )
        return (employees | self.line_ids.employee_id.sudo()).sorted(lambda e: (e.name or "", e.id))

    def _chain_grid_templates(self):
        self.ensure_one()
        return self.env["chain.hr.shift.template"].search(
            [("company_id", "=", self.company_id.id), ("store_id", "in", [False, self.store_id.id])]
        )

    def _chain_can_edit(self):
        self.ensure_one()
        if self.state != "draft":
            return False
        try:
            self._chain_check_manager()
            self.check_access("write")
        except AccessError:
            return False
        return True

    def chain_grid_data(self):
        """The rota as the grid draws it::

        {employees: [{id, name, job}], days: [iso], templates: [{id, name, code, color, start_hour,
         end_hour}], cells: {"<employee id>|<iso day>": [{line_id, template_id, label, warning}]},
         coverage: {"<iso day>": {"under": h, "over": h}}, state, can_edit}
        """
        self.ensure_one()
        self.check_access("read")
        days = self._chain_days()
        cells = defaultdict(list)
        for line in self.line_ids.sorted(lambda rec: (rec.start_datetime, rec.id)):
            cells[f"{line.employee_id.id}|{line.date.isoformat()}"].append(
                {
                    "line_id": line.id,
                    "template_id": line.template_id.id or False,
                    "label": line._chain_label(),
                    "warning": line.warning or False,
                }
            )
        cover = self._chain_coverage()
        return {
            "id": self.id,
            "name": self.name,
            "employees": [
                {"id": employee.id, "name": employee.name, "job": employee.job_id.name or employee.job_title or ""}
                for employee in self._chain_grid_employees()
            ],
            "days": [day.isoformat() for day in days],
            "templates": [
                {
                    "id": template.id,
                    "name": template.name,
                    "code": template.code,
                    "color": template.color,
                    "start_hour": template.start_hour,
                    "end_hour": template.end_hour,
                }
                for template in self._chain_grid_templates()
            ],
            "cells": dict(cells),
            "coverage": {day.isoformat(): {"under": cover[day]["under"], "over": cover[day]["over"]} for day in days},
            "state": self.state,
            "can_edit": self._chain_can_edit(),
        }

    def chain_grid_set_cell(self, employee_id, day_iso, template_id=False):
        """Replace the shifts of ``employee_id`` on ``day_iso`` by template ``template_id`` (one line per
        segment; ``False`` clears the day). Returns ``chain_grid_data()``; conflicts raise translated
        errors (and change nothing)."""
        self.ensure_one()
        self._chain_check_manager()
        if self.state != "draft":
            raise UserError(_("Rota %s is not a draft: reset it to draft to change its shifts.", self.name))
        day = fields.Date.to_date(day_iso)
        if day not in self._chain_days():
            raise UserError(_("%(day)s is not in the week of rota %(rota)s.", day=day_iso, rota=self.name))
        employee = self.env["hr.employee"].browse(int(employee_id))
        template = self.env["chain.hr.shift.template"].browse(int(template_id)) if template_id else None
        if template is not None and template not in self._chain_grid_templates():
            raise UserError(_("This shift is not offered in %s.", self.store_id.display_name))
        self.line_ids.filtered(lambda rec: rec.employee_id == employee and rec.date == day).unlink()
        if template is not None:
            self.env["chain.hr.rota.line"].create(
                [
                    {
                        "rota_id": self.id,
                        "employee_id": employee.id,
                        "date": day,
                        "template_id": template.id,
                        "segment": segment,
                    }
                    for segment, _start, _end in template._chain_segments()
                ]
            )
        return self.chain_grid_data()

    # -- views ------------------------------------------------------------------

    def action_view_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Shifts of %s", self.name),
            "res_model": "chain.hr.rota.line",
            "view_mode": "list,calendar",
            "domain": [("rota_id", "=", self.id)],
            "context": {"default_rota_id": self.id},
        }
