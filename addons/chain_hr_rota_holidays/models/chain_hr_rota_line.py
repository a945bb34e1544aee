from datetime import datetime, time, timedelta

import pytz

from odoo import _, models


class ChainHrRotaLine(models.Model):
    _inherit = "chain.hr.rota.line"
    _chain_guarded_fields = {}  # adds no field

    def _chain_leaves(self):
        """``{line_id: hr.leave}``: the validated time off of each shift's employee on the shift's day
        (the store-local day the shift starts), in one search."""
        lines = self.filtered(lambda line: line.employee_id and line.date)
        if not lines:
            return {}
        bounds = {}
        for line in lines:
            tz = line._chain_tz()
            start = tz.localize(datetime.combine(line.date, time())).astimezone(pytz.utc).replace(tzinfo=None)
            bounds[line.id] = (start, start + timedelta(days=1))
        # sudo: whether a colleague is off that day, whoever plans the rota (not the reason of the leave)
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", lines.employee_id.ids),
                    ("state", "=", "validate"),
                    ("date_from", "<", max(end for _start, end in bounds.values())),
                    ("date_to", ">", min(start for start, _end in bounds.values())),
                ]
            )
        )
        result = {}
        for line in lines:
            start, end = bounds[line.id]
            found = leaves.filtered(
                lambda leave, line=line, start=start, end=end: (
                    leave.employee_id == line.employee_id and leave.date_from < end and leave.date_to > start
                )
            )
            if found:
                result[line.id] = found
        return result

    def _chain_extra_flags(self):
        flags = super()._chain_extra_flags()
        for line_id, leaves in self._chain_leaves().items():
            flags.setdefault(line_id, []).append(
                _("On time off (%s): the rota cannot be published.", ", ".join(leaves.holiday_status_id.mapped("name")))
            )
        return flags
