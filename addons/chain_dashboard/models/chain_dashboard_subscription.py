import base64
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

_logger = logging.getLogger(__name__)

REPORTS = {
    "ranking": "chain_dashboard.chain_dashboard_report_ranking_xlsx",
    "product_sales": "chain_dashboard.chain_dashboard_report_product_sales_xlsx",
}
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the period each frequency reports on: the day, week or month that just ended
PERIOD_STEP = {"daily": relativedelta(days=1), "weekly": relativedelta(weeks=1), "monthly": relativedelta(months=1)}


class ChainDashboardSubscription(models.Model):
    """A dashboard Excel report emailed at a frequency to a list of recipients, for a store, a
    region or the chain, rendered with the rights of its owner."""

    _name = "chain.dashboard.subscription"
    _description = "Dashboard Report Subscription"
    _order = "next_date, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    user_id = fields.Many2one("res.users", string="Owner", required=True, default=lambda self: self.env.user,
                              index=True, ondelete="cascade")  # fmt: skip
    report = fields.Selection(
        [("ranking", "Store ranking"), ("product_sales", "Store sales by product")], required=True, default="ranking"
    )
    scope = fields.Selection([("store", "Store"), ("region", "Region"), ("chain", "Chain")], required=True,
                             default="store")  # fmt: skip
    store_id = fields.Many2one("chain.store", index=True, ondelete="cascade")
    region_id = fields.Many2one("chain.store.region", ondelete="cascade")
    frequency = fields.Selection([("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")], required=True,
                                 default="daily")  # fmt: skip
    partner_ids = fields.Many2many("res.partner", string="Recipients")
    email_to = fields.Char(string="Other Emails", help="Comma-separated addresses.")
    next_date = fields.Date(
        required=True, default=lambda self: self.env["chain.dashboard"]._chain_today(), string="Next Sending"
    )
    last_sent = fields.Datetime(readonly=True)

    _chain_guarded_fields = {"last_sent": ("_chain_send",)}
    _chain_store_field = "store_id"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._chain_check_owner(vals.get("user_id"))
        return super().create(vals_list)

    def write(self, vals):
        self._chain_check_owned()
        if "user_id" in vals:
            self._chain_check_owner(vals["user_id"])
        return super().write(vals)

    @api.model
    def _chain_may_manage_others(self):
        return self.env.su or self.env.user.has_group("chain_store.group_chain_manager")

    @api.model
    def _chain_check_owner(self, user_id):
        """A subscription is rendered with its owner's rights and mailed wherever it says: only
        headquarters gives one to another user."""
        if user_id and user_id != self.env.uid and not self._chain_may_manage_others():
            raise AccessError(_("A report subscription can only be yours: its figures are those you may see."))

    def _chain_check_owned(self):
        """Only the owner (or headquarters) changes or sends a subscription: a colleague who sees
        it (same store) could otherwise mail the owner's figures to themselves."""
        if self._chain_may_manage_others():
            return
        if any(sub.user_id != self.env.user for sub in self):
            raise AccessError(_("Only its owner can change or send the report subscription."))

    @api.constrains("scope", "store_id", "region_id", "partner_ids", "email_to")
    def _check_scope(self):
        for sub in self:
            if sub.scope == "store" and not sub.store_id:
                raise ValidationError(_("Choose the store of the subscription %s.", sub.name))
            if sub.scope == "region" and not sub.region_id:
                raise ValidationError(_("Choose the region of the subscription %s.", sub.name))
            if not sub.partner_ids and not (sub.email_to or "").strip():
                raise ValidationError(_("The subscription %s has no recipient.", sub.name))

    def _chain_period(self):
        """(first, last) day reported: the period of the frequency ending the day before."""
        last = self.next_date - timedelta(days=1)
        return last - PERIOD_STEP[self.frequency] + timedelta(days=1), last

    def _chain_render(self):
        """The Excel file of this subscription, rendered as its owner."""
        first, last = self._chain_period()
        filters = {
            "period": "custom",
            "date_from": fields.Date.to_string(first),
            "date_to": fields.Date.to_string(last),
            "store_id": self.store_id.id if self.scope == "store" else False,
            "region_id": self.region_id.id if self.scope == "region" else False,
        }
        Report = self.env["ir.actions.report"].with_user(self.user_id)
        content, _kind = Report._render_xlsx(REPORTS[self.report], [], {"filters": filters})
        return content, first, last

    def _chain_send(self):
        self.ensure_one()
        content, first, last = self._chain_render()
        label = dict(self._fields["report"]._description_selection(self.env))[self.report]
        filename = f"{label} {first}_{last}.xlsx"
        emails = [p.email_formatted for p in self.partner_ids if p.email]
        emails += [e.strip() for e in (self.email_to or "").split(",") if e.strip()]
        # sudo: the cron sends the mail; the attachment holds only what the owner may export
        attachment = {"name": filename, "datas": base64.b64encode(content), "mimetype": XLSX_MIMETYPE}
        # sudo: the cron sends the mail; the attachment holds only what the owner may export
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": _("%(report)s, %(first)s to %(last)s", report=label, first=first, last=last),
                    "body_html": _("<p>Please find attached the report %s.</p>", label),
                    "email_to": ",".join(emails),
                    "email_from": self.user_id.email_formatted or self.env.company.email_formatted,
                    "attachment_ids": [Command.create(attachment)],
                }
            )
        )
        self.write({"next_date": self.next_date + PERIOD_STEP[self.frequency], "last_sent": fields.Datetime.now()})
        return mail

    def action_send_now(self):
        self._chain_check_owned()
        for sub in self:
            sub._chain_send()
        return True

    @api.model
    def _cron_send(self):
        """Send every due subscription; one failing (rights lost, bad address) is logged and
        does not stop the others."""
        # the chain's day (its time zone), as the figures sent, not the cron user's
        today = self.env["chain.dashboard"]._chain_today()
        sent = self.env["mail.mail"]
        for sub in self.search([("next_date", "<=", today)]):
            try:
                with self.env.cr.savepoint():
                    sent |= sub._chain_send()
            except Exception:  # the others go on; this one stays due
                _logger.exception("Dashboard subscription %s could not be sent", sub.id)
        return sent
