from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class ChainKingdeeSendWizard(models.TransientModel):
    """Send one chosen day of the current company to Kingdee EAS (accountants)."""

    _name = "chain.kingdee.send.wizard"
    _description = "Send a Day to Kingdee EAS"
    _chain_guarded_fields = {}  # a one-shot form; the day's log is written by its workflow

    date = fields.Date(required=True, default=lambda self: fields.Date.context_today(self) - timedelta(days=1))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    def action_send(self):
        """Log the day (if it has posted journal items) and send it; opens its log."""
        if not self.env.user.has_group("account.group_account_user"):
            raise AccessError(_("Only accountants may send days to Kingdee EAS."))
        if not self:
            raise UserError(_("Choose the day to send."))
        self.ensure_one()
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(_("You cannot send the days of %s.", self.company_id.name))
        if self.date >= fields.Date.context_today(self):
            raise UserError(_("Only a day that is over can be sent."))
        day = self.env["chain.kingdee.day"]._chain_day(self.company_id, self.date)
        if not day:
            raise UserError(
                _("%(company)s has no posted journal items on %(date)s.", company=self.company_id.name, date=self.date)
            )
        if day.state != "accepted":
            day.action_send()
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.kingdee.day",
            "res_id": day.id,
            "view_mode": "form",
            "target": "current",
        }
