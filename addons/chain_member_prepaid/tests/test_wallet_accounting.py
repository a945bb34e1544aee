from odoo.tests import tagged

from .common_wallet import ChainWalletCase


@tagged("post_install", "-at_install")
class TestWalletAccounting(ChainWalletCase):
    """The stored-value liability ties out: top-ups - uses - refunds = the ledger = the account."""

    def _balance(self, account):
        lines = self.env["account.move.line"].search([("account_id", "=", account.id), ("parent_state", "=", "posted")])
        return round(sum(lines.mapped("balance")), 2)

    def _close(self, session):
        session.action_pos_session_closing_control()
        self.assertEqual(session.state, "closed")

    def test_tie_out_after_session_close(self):
        """Top up 2,000 (bonus 100), pay 105 with stored value, pay 300 back, close the till: the
        liability account holds 1,600 (credit), the bonus account 5 (debit), the ledger per store says
        the same."""
        self.top_up(self.member_a, qty=2)
        self.assertWallet(self.member_a, 2000.0, 100.0)
        grant = self.prove_wallet(self.member_a, 105.0)  # 2,100 balance: 100 principal, 5 bonus
        self.assertEqual((grant["principal"], grant["bonus"]), (100.0, 5.0))
        self.sync(self.pay_vals(self.member_a, grant, item_qty=2))
        journal = self.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", self.company.id)], limit=1
        )
        self.member_a.with_user(self.manager_a).action_chain_wallet_refund(300.0, journal, self.store_a)
        self._close(self.session_a)
        ledger = self.ledger(self.member_a)
        topups = sum(ledger.filtered(lambda line: line.kind == "topup").mapped("principal"))
        uses = -sum(ledger.filtered(lambda line: line.kind == "use").mapped("principal"))
        refunds = -sum(ledger.filtered(lambda line: line.kind == "refund").mapped("principal"))
        self.assertEqual((topups, uses, refunds), (2000.0, 100.0, 300.0))
        self.assertEqual(topups - uses - refunds, 1600.0)
        self.assertEqual(self._balance(self.wallet_account), -1600.0)  # a credit: the chain owes it
        self.assertEqual(self._balance(self.bonus_account), 5.0)
        groups = self.env["chain.member.wallet.line"]._read_group(
            [("company_id", "=", self.company.id)], ["store_id"], ["principal:sum"]
        )
        self.assertEqual(dict(groups), {self.store_a: 1600.0})
        # the forfeited bonus of the refund: 300 of 1,900 principal takes 15 of 95 bonus
        self.assertWallet(self.member_a, 1600.0, 80.0)

    def test_store_liability_report(self):
        """The ledger grouped by store: each store's top-ups less what was used there."""
        self.top_up(self.member_a)
        self.top_up(self.member_b, session=self.session_b, user=self.cashier_b)
        grant = self.prove_wallet(self.member_b, 110.0)  # Li pays in store A with what she put in at B
        self.sync(self.pay_vals(self.member_b, grant, item_qty=2))
        groups = self.env["chain.member.wallet.line"]._read_group(
            [("company_id", "=", self.company.id)], ["store_id"], ["principal:sum", "bonus:sum"]
        )
        self.assertEqual(
            {store: (principal, bonus) for store, principal, bonus in groups},
            {self.store_a: (900.0, 90.0), self.store_b: (1000.0, 100.0)},
        )
