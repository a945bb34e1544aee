from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainApprovalDelegation(models.Model):
    """An approver away names a substitute: reviews requested in the period go to both."""

    _name = "chain.approval.delegation"
    _description = "Approval Delegation"
    _order = "date_from desc, id desc"
    _chain_guarded_fields = {}  # no workflow: record rules say who names a substitute

    user_id = fields.Many2one(
        "res.users", string="Approver", required=True, index=True, default=lambda self: self.env.user
    )
    substitute_id = fields.Many2one("res.users", string="Substitute", required=True, index=True)
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    date_to = fields.Date(required=True)
    note = fields.Char()

    @api.constrains("user_id", "substitute_id", "date_from", "date_to")
    def _check_period(self):
        for delegation in self:
            if delegation.user_id == delegation.substitute_id:
                raise ValidationError(_("%s cannot be their own substitute.", delegation.user_id.name))
            if delegation.date_to < delegation.date_from:
                raise ValidationError(_("The delegation to %s ends before it starts.", delegation.substitute_id.name))
