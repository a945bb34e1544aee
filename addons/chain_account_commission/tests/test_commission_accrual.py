from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.chain_pos_commission.tests.common import ChainCommissionCase


@tagged("post_install", "-at_install")
class TestCommissionAccrual(ChainCommissionCase):
    """Store A's March statement (94.50, see chain_pos_commission's TestCommissionMonth) is accrued
    on approval and shows as the store's commission in the store P&L."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._seed_march()
        company = cls.env.company
        Account = cls.env["account.account"]
        cls.acc_expense = Account.create({"code": "CAC6601", "name": "Commission (test)", "account_type": "expense",
                                          "company_ids": [Command.set(company.ids)]})  # fmt: skip
        cls.acc_payable = Account.create({"code": "CAC2211", "name": "Accrued commission (test)",
                                          "account_type": "liability_current",
                                          "company_ids": [Command.set(company.ids)]})  # fmt: skip
        cls.journal = cls.env["account.journal"].create(
            {"name": "Payroll (test)", "code": "CPAY", "type": "general", "company_id": company.id}
        )
        company.write(
            {
                "chain_commission_expense_account_id": cls.acc_expense.id,
                "chain_commission_payable_account_id": cls.acc_payable.id,
                "chain_commission_journal_id": cls.journal.id,
            }
        )
        cls.accountant = new_test_user(
            cls.env, login="t_comm_accountant", groups="account.group_account_user,chain_store.group_chain_manager"
        )

    def _approved(self):
        statement = self._statement(self.store_a, self.march)
        statement.action_compute()
        statement.with_user(self.manager_a).action_submit()
        statement.with_user(self.chain_manager).action_approve()
        return statement

    def test_approval_accrues_the_stores_commission(self):
        statement = self._approved()
        move = statement.accrual_move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.chain_store_id, self.store_a)
        self.assertEqual(str(move.date), "2026-03-31")
        expense = move.line_ids.filtered(lambda line: line.account_id == self.acc_expense)
        self.assertEqual(expense.balance, 94.5)
        self.assertEqual(expense.analytic_distribution, {str(self.store_a.analytic_account_id.id): 100})
        payable = move.line_ids.filtered(lambda line: line.account_id == self.acc_payable)
        self.assertEqual(payable.balance, -94.5)
        self.assertIn(self.acc_expense, self.env.company.chain_commission_account_ids)
        report = self.env["chain.store.pnl"].with_user(self.accountant)._chain_pnl_report("2026-03-31")
        self.assertEqual(report[self.store_a.id]["month"]["commission"], 94.5)
        # idempotent: a second call posts nothing more
        statement._chain_post_commission_accrual()
        self.assertEqual(statement.accrual_move_id, move)

    def test_accrual_is_not_written_by_hand(self):
        statement = self._approved()
        with self.assertRaises(AccessError):
            statement.with_user(self.chain_manager).write({"accrual_move_id": False})

    def test_another_store_cannot_open_the_entry(self):
        statement = self._approved()
        with self.assertRaises(AccessError):
            statement.with_user(self.staff_b).action_open_accrual()
        action = statement.with_user(self.accountant).action_open_accrual()
        self.assertEqual(action["res_id"], statement.accrual_move_id.id)
