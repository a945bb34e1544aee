# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import float_compare, html2plaintext

RESULTS = [
    ("missing", "Missing in Bill"),
    ("extra", "Extra in Bill"),
    ("amount", "Amount Differs"),
    ("matched", "Matched"),
]
KINDS = [("pay", "Payment"), ("refund", "Refund")]


class ChainPayCnStatementLine(models.Model):
    """One money movement of a daily statement: a payment or refund of the provider's bill and/or
    of our POS, with the result of their comparison. Written by the statement's reconciliation
    only; a difference carries one to-do (:meth:`_chain_todo`) for the reconciling accountant,
    kept across re-runs of the day (``todo_sent``: never a second one for the same movement)."""

    _name = "chain.pay.cn.statement.line"
    _description = "WeChat Pay / Alipay Statement Line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _mail_post_access = "read"  # whoever reads the line (its store manager) may do its to-do
    _order = "statement_id, sequence_result, bill_time, pos_time, id"
    _rec_name = "out_trade_no"
    # no user writes a line (read-only ACL): the statement's reconciliation writes them as superuser
    _chain_guarded_fields = {}
    _chain_store_field = "store_id"

    statement_id = fields.Many2one("chain.pay.cn.statement", required=True, index=True, ondelete="cascade")
    account_id = fields.Many2one(related="statement_id.account_id", store=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True, index=True)
    date = fields.Date(related="statement_id.date", store=True, string="Bill Date")
    provider = fields.Selection(related="statement_id.provider", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    store_id = fields.Many2one("chain.store", index=True, help="The store of the POS payment or of the account.")
    result = fields.Selection(RESULTS, required=True, index=True)
    sequence_result = fields.Integer(compute="_compute_sequence_result", store=True)
    is_difference = fields.Boolean(compute="_compute_sequence_result", store=True, string="Is a Difference")
    kind = fields.Selection(KINDS, required=True)
    out_trade_no = fields.Char(string="Out Trade No.", required=True, index=True)
    out_refund_no = fields.Char(string="Out Refund No.")
    provider_ref = fields.Char(string="Provider Reference", help="WeChat transaction/refund id, Alipay trade number.")
    sub_mch_id = fields.Char(string="Sub-merchant")
    bill_time = fields.Datetime(string="Time in Bill")
    pos_time = fields.Datetime(string="Time in POS")
    bill_amount = fields.Monetary(string="Amount in Bill")
    pos_amount = fields.Monetary(string="Amount in POS")
    difference = fields.Monetary(compute="_compute_difference", store=True, help="Amount in bill minus in POS.")
    payment_id = fields.Many2one("pos.payment", string="POS Payment", index="btree_not_null", ondelete="set null")
    pos_order_id = fields.Many2one(related="payment_id.pos_order_id", string="POS Order")
    transaction_id = fields.Many2one("chain.pay.cn.transaction", string="Transaction", index="btree_not_null",
                                     ondelete="set null")  # fmt: skip
    refund_id = fields.Many2one("chain.pay.cn.refund", string="Refund", ondelete="set null")
    todo_sent = fields.Boolean(string="To-do Sent", readonly=True, help="The difference was told once already.")

    @api.depends("result")
    def _compute_sequence_result(self):
        order = {key: index for index, (key, _label) in enumerate(RESULTS)}
        for line in self:
            line.sequence_result = order.get(line.result, 99)
            line.is_difference = line.result != "matched"

    @api.depends("bill_amount", "pos_amount")
    def _compute_difference(self):
        for line in self:
            line.difference = line.bill_amount - line.pos_amount

    def _chain_key(self):
        return (self.kind, self.out_trade_no, self.out_refund_no or "")

    def _chain_differs(self, name, value):
        """Whether writing ``value`` in field ``name`` would change it (records compared by id)."""
        field = self._fields[name]
        current = self[name]
        if field.type == "many2one":
            return current.id != (value or False)
        if field.type == "monetary":
            return float_compare(current, value or 0.0, precision_rounding=self.currency_id.rounding or 0.01) != 0
        return (current or False) != (value or False)

    # ------------------------------------------------------------------ to-dos
    def _chain_todo_user(self):
        """Who reconciles this line: the account's reconciling accountant, else the manager of
        the line's store, else of the account's store, else whoever set the account up."""
        account = self.statement_id.account_id
        return (
            account.chain_statement_user_id
            or self.store_id.manager_id
            or self.statement_id.store_id.manager_id
            or account.create_uid
        )

    def _chain_todo(self):
        """The to-dos the reconciliation opened on these lines (not those users added)."""
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        return self.activity_ids.filtered(lambda a: a.automated and a.activity_type_id == todo_type)

    def _chain_sync_todos(self):
        """One to-do per difference, once: a new difference gets one; a difference already told
        keeps its to-do (its text updated); a movement that now matches closes its to-do."""
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get_id(self._name)
        new = self.filtered(lambda line: line.is_difference and not line.todo_sent)
        vals_list = []
        for line in new:
            user = line._chain_todo_user()
            if user:
                vals_list.append(
                    {
                        "res_model_id": model,
                        "res_id": line.id,
                        "activity_type_id": todo_type.id,
                        "user_id": user.id,
                        "summary": line._chain_todo_summary(),
                        "note": line._chain_todo_note(),
                        "date_deadline": fields.Date.context_today(self),
                        "automated": True,
                    }
                )
        self.env["mail.activity"].create(vals_list)
        new.write({"todo_sent": True})
        for line in self.filtered("is_difference") - new:
            todo = line._chain_todo()[:1]
            summary, note = line._chain_todo_summary(), line._chain_todo_note()
            if todo and (todo.summary != summary or html2plaintext(todo.note) != html2plaintext(note)):
                todo.write({"summary": summary, "note": note})
        resolved = self.filtered(lambda line: not line.is_difference)._chain_todo()
        if resolved:
            resolved.action_feedback(feedback=_("Resolved: the bill and the POS now agree."))

    def _chain_todo_summary(self):
        provider = dict(self._fields["provider"]._description_selection(self.env)).get(self.provider, "")
        if self.result == "missing":
            return _("%(provider)s: %(number)s is not in the bill", provider=provider, number=self._chain_number())
        if self.result == "extra":
            return _("%(provider)s: %(number)s is in the bill, not in the POS", provider=provider,
                     number=self._chain_number())  # fmt: skip
        return _("%(provider)s: amount of %(number)s differs", provider=provider, number=self._chain_number())

    def _chain_number(self):
        return self.out_refund_no or self.out_trade_no

    def _chain_todo_note(self):
        kind = dict(self._fields["kind"]._description_selection(self.env)).get(self.kind, "")
        explain = {
            "missing": _(
                "The POS recorded this %(kind)s but the provider's bill of %(date)s does not list it. Check the "
                "transaction with the provider before the customer is asked again; if it was never paid, the "
                "order is unpaid.",
                kind=kind.lower(), date=self.date,
            ),
            "extra": _(
                "The provider's bill of %(date)s lists this %(kind)s but no POS payment matches it: the customer "
                "may have paid for an order the till never recorded. Find the order or refund the customer.",
                kind=kind.lower(), date=self.date,
            ),
            "amount": _(
                "The provider's bill of %(date)s and the POS disagree on the amount of this %(kind)s.",
                kind=kind.lower(), date=self.date,
            ),
        }.get(self.result, "")  # fmt: skip
        amounts = _(
            "In the bill: %(bill)s · in the POS: %(pos)s · difference: %(difference)s",
            bill=self._chain_money(self.bill_amount),
            pos=self._chain_money(self.pos_amount),
            difference=self._chain_money(self.difference),
        )
        where = _(
            "Out trade no. %(trade)s · provider reference %(ref)s · store %(store)s · order %(order)s",
            trade=self.out_trade_no,
            ref=self.provider_ref or "-",
            store=self.store_id.display_name or "-",
            order=self.pos_order_id.name or "-",
        )
        return Markup("<p>%s</p><p>%s</p><p>%s</p>") % (explain, amounts, where)

    def _chain_money(self, amount):
        return f"{self.currency_id.symbol or ''}{amount:,.2f}"

    def action_open_statement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.pay.cn.statement",
            "res_id": self.statement_id.id,
            "views": [(False, "form")],
        }
