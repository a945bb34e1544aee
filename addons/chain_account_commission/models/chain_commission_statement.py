from odoo import Command, _, fields, models
from odoo.exceptions import UserError


class ChainCommissionStatement(models.Model):
    _inherit = "chain.commission.statement"
    # the accrual is posted by the approval, never written by hand
    _chain_guarded_fields = {"accrual_move_id": ("_chain_post_commission_accrual",)}

    accrual_move_id = fields.Many2one(
        "account.move", string="Accrual Entry", readonly=True, copy=False, index="btree_not_null",
        help="Commission expense of the store (its distribution) against accrued commission, posted on approval.",
    )  # fmt: skip

    def action_approve(self):
        result = super().action_approve()
        self.filtered(lambda s: s.state == "approved")._chain_post_commission_accrual()
        return result

    def _chain_post_commission_accrual(self):
        """Post the accrual of each approved statement without one: debit the commission expense
        with the store's distribution, credit accrued commission, dated the month's last day.
        Statements of nothing (total 0) post nothing. Idempotent."""
        for statement in self.filtered(lambda s: s.state == "approved" and not s.accrual_move_id):
            currency = statement.company_id.currency_id
            if currency.is_zero(statement.total):
                continue
            expense, payable, journal = statement.company_id._chain_commission_accounts()
            if not (expense and payable and journal):
                raise UserError(
                    _("Set the commission accounts and journal in the accounting settings to approve %s.",
                      statement.name)
                )  # fmt: skip
            store = statement.store_id
            # sudo: the store's analytic account may be created here
            distribution = store.sudo()._chain_analytic_distribution()
            label = _("Staff commission %s", statement.name)
            date = fields.Date.end_of(statement.month, "month")
            # sudo: a chain manager approves; the accrual is the accountants' entry, made for them
            move = (
                self.env["account.move"]
                .sudo()
                .with_company(statement.company_id)
                .create(
                    {
                        "journal_id": journal.id,
                        "date": date,
                        "ref": label,
                        "chain_store_id": store.id,
                        "line_ids": [
                            Command.create({"name": label, "account_id": expense.id, "balance": statement.total,
                                            "analytic_distribution": distribution or False}),
                            Command.create({"name": label, "account_id": payable.id, "balance": -statement.total}),
                        ],
                    }
                )
            )  # fmt: skip
            move._post()
            # sudo: the link is set once, by the approval
            statement.sudo().accrual_move_id = move

    def action_open_accrual(self):
        """The accrual entry of the statement (accountants)."""
        if len(self) != 1:
            raise UserError(_("Open the accrual of one statement at a time."))
        self.env["account.move"].check_access("read")
        if not self.accrual_move_id:
            raise UserError(_("Statement %s has no accrual entry.", self.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.accrual_move_id.id,
            "view_mode": "form",
        }
