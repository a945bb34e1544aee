from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class AccountMove(models.Model):
    _inherit = "account.move"
    # set by the daily to-do job only (as superuser): a client marking an invoice "reminded"
    # would silence the accountant's reminder
    _chain_guarded_fields = {"chain_fapiao_reminded": ()}

    chain_fapiao_ids = fields.One2many("chain.fapiao", "move_id", string="Fapiao")
    chain_fapiao_state = fields.Selection(
        [("none", "No Fapiao"), ("to_issue", "To Issue"), ("issued", "Issued"), ("reversed", "Reversed")],
        string="Fapiao Status",
        compute="_compute_chain_fapiao_state",
        store=True,
        index=True,
    )
    chain_fapiao_reminded = fields.Boolean(string="Fapiao Reminder Sent", readonly=True, copy=False)

    @api.depends("chain_fapiao_ids.state")
    def _compute_chain_fapiao_state(self):
        for move in self:
            states = set(move.chain_fapiao_ids.mapped("state"))
            if "issued" in states:
                move.chain_fapiao_state = "issued"
            elif "to_issue" in states:
                move.chain_fapiao_state = "to_issue"
            elif "reversed" in states:
                move.chain_fapiao_state = "reversed"
            else:
                move.chain_fapiao_state = "none"

    @api.model
    def _chain_fapiao_todo_domain(self, company, today=None):
        """Customer invoices of ``company`` without an issued fapiao after the company's delay."""
        today = today or fields.Date.context_today(self)
        limit = today - timedelta(days=company.chain_fapiao_todo_days)
        return [
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("invoice_date", "<=", limit),
            ("chain_fapiao_state", "in", ("none", "to_issue")),
            ("reversal_move_ids", "=", False),
        ]

    @api.model
    def action_chain_fapiao_todo(self):
        """The to-do list: invoices of the current companies without an issued fapiao in time."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only accountants see the fapiao to-do list."))
        ids = []
        for company in self.env.companies:
            ids += self.search(self._chain_fapiao_todo_domain(company)).ids
        return {
            "type": "ir.actions.act_window",
            "name": _("Invoices without Fapiao"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "views": [(self.env.ref("chain_fapiao.account_move_view_list_fapiao_todo").id, "list"), (False, "form")],
            "domain": [("id", "in", ids)],
            "context": {"create": False},
        }

    @api.model
    def _cron_chain_fapiao_todo(self):
        """Daily: one activity per late invoice, for the company's fapiao accountant (once)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("account.move")
        vals_list = []
        reminded = self.browse()
        # sudo: a job of the server: the companies having invoices that may need a reminder
        pending = self.sudo()._read_group(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("chain_fapiao_state", "in", ("none", "to_issue")),
                ("chain_fapiao_reminded", "=", False),
            ],
            ["company_id"],
        )
        for (company,) in pending:
            # sudo: a job of the server, across every user's invoices
            moves = self.sudo().search(
                [*self._chain_fapiao_todo_domain(company), ("chain_fapiao_reminded", "=", False)]
            )
            for move in moves:
                user = company.chain_fapiao_todo_user_id or move.invoice_user_id or self.env.ref("base.user_admin")
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": move.id,
                        "activity_type_id": activity_type.id,
                        "summary": _("Issue the fapiao of %s", move.name),
                        "user_id": user.id,
                        "date_deadline": fields.Date.context_today(self),
                    }
                )
            reminded |= moves
        # sudo: activities of the server's reminder job
        self.env["mail.activity"].sudo().create(vals_list)
        # sudo: the reminder flag is the job's own
        reminded.sudo().write({"chain_fapiao_reminded": True})
        return len(reminded)
