from odoo import _, api, fields, models
from odoo.exceptions import UserError

WAIVABLE = ("chain.recall.store", "chain.recall.customer")


class ChainRecallWaiveWizard(models.TransientModel):
    _name = "chain.recall.waive.wizard"
    _description = "Waive Recall Tasks"
    _chain_guarded_fields = {}  # the manager's input; the tasks' _chain_waive checks the right

    res_model = fields.Selection([(m, m) for m in WAIVABLE], required=True)
    res_ids = fields.Json(required=True)
    reason = fields.Char(required=True)

    @api.model
    def _open(self, lines):
        lines.recall_id._check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": _("Waive"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": lines._name, "default_res_ids": lines.ids},
        }

    def action_waive(self):
        self.ensure_one()
        if self.res_model not in WAIVABLE:
            raise UserError(_("Only recall tasks can be waived."))
        if not (self.reason or "").strip():
            raise UserError(_("Give the reason for waiving: it stays on the recall."))
        lines = self.env[self.res_model].browse(self.res_ids).exists()
        lines._chain_waive(self.reason)
        for line in lines:
            line.recall_id.message_post(
                body=_("Waived %(task)s: %(reason)s", task=line.display_name, reason=self.reason)
            )
        return {"type": "ir.actions.act_window_close"}
