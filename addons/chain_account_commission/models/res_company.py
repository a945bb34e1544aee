from odoo import Command, _, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # settings of the company (its accountants)

    chain_commission_expense_account_id = fields.Many2one(
        "account.account",
        string="Commission Expense Account",
        help="Debited per store with the store's distribution when a commission statement is approved.",
    )
    chain_commission_payable_account_id = fields.Many2one(
        "account.account",
        string="Accrued Commission Account",
        help="Credited when a commission statement is approved; cleared when payroll pays it.",
    )
    chain_commission_journal_id = fields.Many2one(
        "account.journal",
        string="Commission Journal",
        domain=[("type", "=", "general")],
        help="Journal of the commission accruals (empty: the first miscellaneous journal).",
    )

    def _chain_commission_accounts(self):
        """``(expense, payable, journal)`` of the commission accrual, creating the accounts when missing
        (``(False, False, False)`` without a chart of accounts). The expense account is listed among the
        store P&L's commission accounts."""
        self.ensure_one()
        # sudo: company accounting configuration, completed by whoever approves a statement
        company = self.sudo()
        Account = company.env["account.account"].with_company(company)
        if not Account.search_count([("company_ids", "in", company.ids)], limit=1):
            return False, False, False
        if not company.chain_commission_expense_account_id:
            company.chain_commission_expense_account_id = Account.create(
                {
                    "name": _("Staff Commission"),
                    "code": Account._search_new_account_code("6601"),
                    "account_type": "expense",
                    "company_ids": [Command.set(company.ids)],
                }
            )
        if not company.chain_commission_payable_account_id:
            company.chain_commission_payable_account_id = Account.create(
                {
                    "name": _("Accrued Staff Commission"),
                    "code": Account._search_new_account_code("2211"),
                    "account_type": "liability_current",
                    "company_ids": [Command.set(company.ids)],
                }
            )
        expense = company.chain_commission_expense_account_id
        if expense not in company.chain_commission_account_ids:
            company.chain_commission_account_ids = [Command.link(expense.id)]
        journal = company.chain_commission_journal_id or company.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        return expense, company.chain_commission_payable_account_id, journal
