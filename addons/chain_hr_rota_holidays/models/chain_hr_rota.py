from odoo import _, models


class ChainHrRota(models.Model):
    _inherit = "chain.hr.rota"
    _chain_guarded_fields = {}  # adds no field

    def _chain_publish_blockers(self):
        blockers = super()._chain_publish_blockers()
        lines = self.line_ids
        for line_id in sorted(lines._chain_leaves(), key=lambda i: (lines.browse(i).date, i)):
            line = lines.browse(line_id)
            blockers.append(
                _("%(employee)s is on time off on %(date)s: take them off the rota or cancel the time off.",
                  employee=line.employee_id.name, date=line.date)
            )  # fmt: skip
        return blockers
