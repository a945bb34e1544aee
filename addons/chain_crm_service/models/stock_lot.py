from odoo import _, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"
    _chain_guarded_fields = {"chain_case_alert_date": ("_chain_alert_quality",)}

    chain_case_alert_date = fields.Datetime(
        string="Case Alert Sent on",
        readonly=True,
        copy=False,
        help="When the quality team last got a to-do because of the number of cases on this lot.",
    )

    def _chain_alert_quality(self, counts):
        """A to-do for every quality team user on each lot; ``counts``: ``{lot id: cases in 30 days}``."""
        Ticket = self.env["helpdesk.ticket"]
        users = Ticket._chain_quality_users()
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        activities = [
            {
                "res_model_id": model_id,
                "res_id": lot.id,
                "activity_type_id": todo.id,
                "user_id": user.id,
                "summary": _("Lot %(lot)s: %(count)s cases in 30 days", lot=lot.name, count=counts.get(lot.id, 0)),
                "note": _(
                    "Lot %(lot)s of %(product)s got %(count)s after-sales cases within 30 days. "
                    "Check the lot, and start a recall from one of its cases if needed.",
                    lot=lot.name,
                    product=lot.product_id.display_name,
                    count=counts.get(lot.id, 0),
                ),
                "date_deadline": fields.Date.context_today(self),
            }
            for lot in self
            for user in users
        ]
        # sudo: the alert is the system's; the quality team's to-dos are created whoever opened the case
        self.sudo().write({"chain_case_alert_date": fields.Datetime.now()})
        self.env["mail.activity"].sudo().create(activities)
