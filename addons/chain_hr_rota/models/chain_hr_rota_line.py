import contextvars
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib import rota as rota_lib

# set by our own code only (a shift swap exchanging two shifts of one day): the overlap check waits until
# both shifts carry their new employee, then runs
_DEFER_OVERLAP = contextvars.ContextVar("chain_hr_rota_defer_overlap", default=False)


class ChainHrRotaLine(models.Model):
    """One shift (or one segment of a split shift) of an employee on a rota.

    ``date`` is the store-local day the shift starts; ``start_datetime``/``end_datetime`` are UTC,
    computed from the day and the template's hours in the store's time zone, and may be edited.
    A line belongs to a draft rota to be changed; a published rota changes only through an approved
    shift swap.
    """

    _name = "chain.hr.rota.line"
    _description = "Rota Shift"
    _order = "date, start_datetime, employee_id, id"
    # the state follows the rota's (related): nobody writes it
    _chain_guarded_fields = {"state": ()}
    _chain_store_field = "store_id"

    rota_id = fields.Many2one("chain.hr.rota", required=True, index=True, ondelete="cascade")
    store_id = fields.Many2one(related="rota_id.store_id", store=True, index=True)
    company_id = fields.Many2one(related="rota_id.company_id", store=True, index=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, index=True, help="The day the shift starts, in the store's time zone.")
    template_id = fields.Many2one("chain.hr.shift.template", string="Shift", ondelete="restrict")
    segment = fields.Integer(default=1, help="2: the second segment of a split shift.")
    start_datetime = fields.Datetime(
        string="Start", compute="_compute_datetimes", store=True, readonly=False, required=True, precompute=True
    )
    end_datetime = fields.Datetime(
        string="End", compute="_compute_datetimes", store=True, readonly=False, required=True, precompute=True
    )
    hours = fields.Float(compute="_compute_hours", store=True)
    state = fields.Selection(related="rota_id.state", store=True, index=True, string="Rota Status")
    is_template = fields.Boolean(related="rota_id.is_template", store=True)
    warning = fields.Text(compute="_compute_warning", help="Rest time and weekly hours flags of this shift.")
    name = fields.Char(compute="_compute_name")
    color = fields.Integer(related="template_id.color")

    @api.depends("date", "template_id", "segment", "rota_id.store_id")
    def _compute_datetimes(self):
        for line in self:
            if not line.date or not line.template_id:
                continue
            segments = {seg: (start, end) for seg, start, end in line.template_id._chain_segments()}
            start_hour, end_hour = segments.get(line.segment or 1, segments[1])
            line.start_datetime, line.end_datetime = rota_lib.shift_interval(
                line.date, start_hour, end_hour, line._chain_tz()
            )

    @api.depends("start_datetime", "end_datetime", "template_id.break_minutes", "segment")
    def _compute_hours(self):
        for line in self:
            if not line.start_datetime or not line.end_datetime:
                line.hours = 0.0
                continue
            hours = (line.end_datetime - line.start_datetime).total_seconds() / 3600.0
            if line.segment == 1:
                hours -= (line.template_id.break_minutes or 0) / 60.0
            line.hours = max(round(hours, 2), 0.0)

    @api.depends("employee_id", "template_id", "start_datetime", "end_datetime")
    def _compute_name(self):
        for line in self:
            line.name = f"{line.employee_id.name or ''} · {line.template_id.code or _('Shift')}"

    def _chain_tz(self):
        """The pytz zone of the line's store."""
        self.ensure_one()
        store = self.rota_id.store_id
        return store._chain_tz() if store else pytz.timezone("Asia/Shanghai")

    # -- flags ------------------------------------------------------------------

    def _chain_context_lines(self):
        """The lines that count with ``self`` for rest and weekly hours: the same employees' shifts of
        non-template, non-cancelled rotas from a week before to a week after (one search)."""
        lines = self.filtered(lambda line: line.date and line.employee_id and not line.is_template)
        if not lines:
            return self.browse()
        dates = lines.mapped("date")
        # sudo: the flags count the employee's shifts in every rota, whoever reads this one
        return (
            self.sudo()
            .search(
                [
                    ("employee_id", "in", lines.employee_id.ids),
                    ("date", ">=", min(dates) - timedelta(days=8)),
                    ("date", "<=", max(dates) + timedelta(days=8)),
                    ("state", "!=", "cancel"),
                    ("is_template", "=", False),
                ]
            )
            .with_env(self.env)
            | lines
        )

    def _chain_flags(self):
        """``{line_id: [message, ...]}`` of the rest-time and weekly-hours flags of ``self``."""
        others = self._chain_context_lines()
        by_company = defaultdict(list)
        for line in others:
            if not (line.start_datetime and line.end_datetime):
                continue
            # the segments of one split shift need no rest between them
            group = (
                (line.rota_id.id, line.date, line.template_id.id) if line.template_id.has_second_segment else line.id
            )
            by_company[line.company_id].append(
                (line.id, line.employee_id.id, line.date, line.start_datetime, line.end_datetime, line.hours, group)
            )
        flags = {}
        for company, shifts in by_company.items():
            for key, flag in rota_lib.shift_flags(
                shifts, company.chain_rota_min_rest_hours, company.chain_rota_week_hours
            ).items():
                flags[key] = (company, flag)
        messages = {line.id: [] for line in self}
        for line in self:
            if line.id not in flags:
                continue
            company, flag = flags[line.id]
            if flag["rest"] is not None:
                messages[line.id].append(
                    _("Rest %(gap)s h since the previous shift (minimum %(min)s h).",
                      gap=flag["rest"], min=company.chain_rota_min_rest_hours)
                )  # fmt: skip
            if flag["week"] is not None:
                messages[line.id].append(
                    _("%(hours)s h in the week (regular %(regular)s h).",
                      hours=flag["week"], regular=company.chain_rota_week_hours)
                )  # fmt: skip
        for line_id, extra in self._chain_extra_flags().items():
            messages.setdefault(line_id, []).extend(extra)
        return messages

    def _chain_extra_flags(self):
        """Hook: ``{line_id: [message]}`` of further flags (the leave glue adds the employee's leave)."""
        return {}

    @api.depends("employee_id", "start_datetime", "end_datetime", "hours")
    def _compute_warning(self):
        real = self.filtered("id")
        messages = real._chain_flags() if real else {}
        for line in self:
            line.warning = "\n".join(messages.get(line.id, [])) or False

    # -- blocking checks ------------------------------------------------------

    @api.constrains("employee_id", "rota_id")
    def _check_employee_store(self):
        for line in self:
            employee_store = line.employee_id.sudo().chain_store_id  # sudo: the store of any employee
            if employee_store != line.rota_id.store_id:
                raise ValidationError(
                    _("%(employee)s is not an employee of %(store)s: they cannot be on its rota.",
                      employee=line.employee_id.name, store=line.rota_id.store_id.display_name)
                )  # fmt: skip

    @api.constrains("rota_id", "date")
    def _check_store_open(self):
        for line in self:
            if line.rota_id.store_id.state != "open":
                raise ValidationError(
                    _("%s is not open: no shift can be planned there.", line.rota_id.store_id.display_name)
                )

    @api.constrains("start_datetime", "end_datetime")
    def _check_interval(self):
        for line in self:
            if line.end_datetime <= line.start_datetime:
                raise ValidationError(_("A shift of %s ends before it starts.", line.employee_id.name))

    @api.constrains("employee_id", "start_datetime", "end_datetime", "rota_id")
    def _check_overlap(self):
        """Two shifts of one employee never overlap (in the live rotas, or within one template rota)."""
        if not self or _DEFER_OVERLAP.get():
            return
        self.flush_model()
        self.env["chain.hr.rota"].flush_model(["state", "is_template"])
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id, b.id
                  FROM chain_hr_rota_line a
                  JOIN chain_hr_rota ra ON ra.id = a.rota_id
                  JOIN chain_hr_rota_line b ON b.employee_id = a.employee_id AND b.id != a.id
                                           AND b.start_datetime < a.end_datetime
                                           AND a.start_datetime < b.end_datetime
                  JOIN chain_hr_rota rb ON rb.id = b.rota_id
                 WHERE a.id IN %s
                   AND ra.state != 'cancel' AND rb.state != 'cancel'
                   AND ((ra.is_template IS NOT TRUE AND rb.is_template IS NOT TRUE) OR a.rota_id = b.rota_id)
                 LIMIT 1
                """,
                tuple(self.ids),
            )
        )
        row = self.env.cr.fetchone()
        if row:
            # sudo: the other shift may be in a rota the user does not see; its time is all we say
            first, second = self.sudo().browse(row)
            raise ValidationError(
                _("%(employee)s already works %(other)s on %(date)s: two shifts overlap.",
                  employee=first.employee_id.name, other=second._chain_label(), date=second.date)
            )  # fmt: skip

    def _chain_set_employees(self, employees):
        """Give each shift of ``self`` the employee at the same place in ``employees`` (a shift swap),
        checking the overlaps once all are set: two shifts of one day can change hands."""
        token = _DEFER_OVERLAP.set(True)
        try:
            for line, employee in zip(self, employees, strict=True):
                line.employee_id = employee
        finally:
            _DEFER_OVERLAP.reset(token)
        self._check_overlap()

    def _chain_label(self):
        """``E 09:00-17:00``: the shift's template code and its local hours."""
        self.ensure_one()
        tz = self._chain_tz()
        start = pytz.utc.localize(self.start_datetime).astimezone(tz)
        end = pytz.utc.localize(self.end_datetime).astimezone(tz)
        code = self.template_id.code or ""
        return f"{code} {start:%H:%M}-{end:%H:%M}".strip()

    # -- edits ----------------------------------------------------------------

    def _chain_check_editable(self, rotas):
        if self.env.su:
            return
        for rota in rotas:
            if rota.state != "draft":
                raise UserError(
                    _("Rota %s is not a draft: reset it to draft to change its shifts, or ask for a shift swap.",
                      rota.name)
                )  # fmt: skip

    @api.model_create_multi
    def create(self, vals_list):
        rotas = self.env["chain.hr.rota"].browse({vals.get("rota_id") for vals in vals_list if vals.get("rota_id")})
        self._chain_check_editable(rotas)
        lines = super().create(vals_list)
        # a split shift entered without its segment brings its second segment along
        seconds = [
            {
                "rota_id": line.rota_id.id,
                "employee_id": line.employee_id.id,
                "date": line.date,
                "template_id": line.template_id.id,
                "segment": 2,
            }
            for line, vals in zip(lines, vals_list, strict=True)
            if "segment" not in vals and line.segment == 1 and line.template_id.has_second_segment
        ]
        if seconds:
            super().create(seconds)
        return lines

    def write(self, vals):
        self._chain_check_editable(self.rota_id)
        if vals.get("rota_id"):
            self._chain_check_editable(self.env["chain.hr.rota"].browse(vals["rota_id"]))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        self._chain_check_editable(self.rota_id)
