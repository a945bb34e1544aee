from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ChainApprovalPreview(models.TransientModel):
    """ "Who would approve this?": the tiers and the people who would review a document now."""

    _name = "chain.approval.preview"
    _description = "Who Would Approve"
    _chain_guarded_fields = {}  # a read-only preview

    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Integer(string="Record", required=True)
    line_ids = fields.One2many("chain.approval.preview.line", "preview_id", string="Tiers", readonly=True)

    @api.model
    def _chain_preview_lines(self, record):
        """[{rule, tier, reviewers, note}] for ``record`` as it is now."""
        Request = self.env["chain.approval.request"]
        lines = []
        for rule in self.env["chain.approval.rule"]._chain_rules_for(record):
            for tier, users, note in Request._chain_plan(record, rule):
                lines.append(
                    {
                        "rule": rule.name,
                        "method": rule.method_name,
                        "tier": tier.name,
                        "reviewers": ", ".join(users.mapped("name")),
                        "note": note,
                    }
                )
        return lines

    @api.model
    def _chain_action_preview(self, records):
        record = records[:1]
        lines = self._chain_preview_lines(record)
        if not lines:
            raise UserError(_("No approval rule applies to %s: it needs no approval.", record.display_name))
        preview = self.create(
            {
                "res_model": record._name,
                "res_id": record.id,
                "line_ids": [fields.Command.create(line) for line in lines],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Who would approve %s?", record.display_name),
            "res_model": self._name,
            "res_id": preview.id,
            "view_mode": "form",
            "target": "new",
        }


class ChainApprovalPreviewLine(models.TransientModel):
    _name = "chain.approval.preview.line"
    _description = "Who Would Approve: Tier"
    _chain_guarded_fields = {}  # a read-only preview

    preview_id = fields.Many2one("chain.approval.preview", required=True, ondelete="cascade")
    rule = fields.Char()
    method = fields.Char(string="Gated Button")
    tier = fields.Char()
    reviewers = fields.Char()
    note = fields.Char()
