from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import rota as rota_lib


class ChainHrShiftTemplate(models.Model):
    """A shift of a store's rota (早班, 晚班, 两头班, 夜班): its hours in the store's local time.

    ``end_hour`` at or before ``start_hour`` ends the next day (a night shift 22:00-06:00). A split shift
    has a second segment (``start_hour2`` - ``end_hour2``) on the same day: a rota line per segment.
    """

    _name = "chain.hr.shift.template"
    _description = "Shift Template"
    _order = "sequence, start_hour, id"
    _chain_guarded_fields = {}  # reference data: no workflow
    _chain_store_field = "store_id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short label shown in the rota grid, e.g. E, L, N.")
    store_id = fields.Many2one(
        "chain.store", string="Store", index=True, check_company=True,
        help="Empty: the shift is offered to every store of the company.",
    )  # fmt: skip
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    kind = fields.Selection(
        [
            ("early", "Early Shift"),
            ("late", "Late Shift"),
            ("split", "Split Shift"),
            ("night", "Night Shift"),
            ("other", "Other"),
        ],
        required=True, default="early",
    )  # fmt: skip
    start_hour = fields.Float(required=True, default=9.0)
    end_hour = fields.Float(required=True, default=17.0, help="At or before the start: the shift ends the next day.")
    start_hour2 = fields.Float(string="Second Start", help="Split shift: start of the second segment.")
    end_hour2 = fields.Float(string="Second End", help="Split shift: end of the second segment.")
    break_minutes = fields.Integer(string="Unpaid Break (min)")
    color = fields.Integer()
    active = fields.Boolean(default=True)
    hours = fields.Float(compute="_compute_hours", store=True, string="Paid Hours")
    has_second_segment = fields.Boolean(compute="_compute_hours", store=True)

    @api.depends("start_hour", "end_hour", "start_hour2", "end_hour2", "break_minutes")
    def _compute_hours(self):
        for template in self:
            template.has_second_segment = bool(template.start_hour2 or template.end_hour2)
            template.hours = rota_lib.template_hours(
                template.start_hour,
                template.end_hour,
                template.start_hour2 if template.has_second_segment else None,
                template.end_hour2 if template.has_second_segment else None,
                template.break_minutes,
            )

    @api.depends("name", "code", "start_hour", "end_hour", "start_hour2", "end_hour2")
    def _compute_display_name(self):
        for template in self:
            label = f"{template.code} {template.name}" if template.code else template.name or ""
            template.display_name = f"{label} ({template._chain_hours_label()})"

    def _chain_hours_label(self):
        """``09:00-13:00, 17:00-21:00``: the template's hours as people read them."""
        self.ensure_one()

        def fmt(hour):
            hours, minutes = rota_lib.hour_to_time(hour)
            return f"{hours:02d}:{minutes:02d}"

        label = f"{fmt(self.start_hour)}-{fmt(self.end_hour)}"
        if self.start_hour2 or self.end_hour2:
            label += f", {fmt(self.start_hour2)}-{fmt(self.end_hour2)}"
        return label

    @api.constrains("start_hour", "end_hour", "start_hour2", "end_hour2", "kind", "break_minutes")
    def _check_hours(self):
        for template in self:
            hours = [template.start_hour, template.end_hour, template.start_hour2, template.end_hour2]
            if any(hour < 0 or hour > 24 for hour in hours):
                raise ValidationError(_("Shift %s: hours go from 0 to 24.", template.name))
            if template.has_second_segment:
                if template.end_hour <= template.start_hour or template.end_hour2 <= template.start_hour2:
                    raise ValidationError(
                        _("Split shift %s: both segments must end on the day they start.", template.name)
                    )
                if template.start_hour2 < template.end_hour:
                    raise ValidationError(
                        _("Split shift %s: the second segment starts after the first ends.", template.name)
                    )
            elif template.kind == "split":
                raise ValidationError(_("Split shift %s needs its second segment.", template.name))
            if template.hours <= 0:
                raise ValidationError(_("Shift %s has no paid hours.", template.name))

    def _chain_segments(self):
        """``[(segment, start_hour, end_hour)]``: the one or two segments of the template."""
        self.ensure_one()
        segments = [(1, self.start_hour, self.end_hour)]
        if self.has_second_segment:
            segments.append((2, self.start_hour2, self.end_hour2))
        return segments
