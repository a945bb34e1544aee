from odoo.tests import tagged

from .common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestDepositAccounting(ChainDepositCase):
    """The deposit and card liabilities tie out with their accounts once the tills are closed."""

    def _balance(self, account):
        lines = self.env["account.move.line"].search([("account_id", "=", account.id), ("parent_state", "=", "posted")])
        return round(sum(lines.mapped("balance")), 2)

    def _close(self, *sessions):
        for session in sessions:
            session.action_pos_session_closing_control()
            self.assertEqual(session.state, "closed")

    def test_tie_out_after_session_close(self):
        """Store A sells 12 cans (3,600) and store B 5 cans (1,550); A's member picks up 2 in store B
        and 1 in store A, B's member 2 in store B; a bath card of 100 is used once: after both tills
        close, per selling store sold - picked up = units outstanding x price, and the accounts hold
        the outstanding liabilities."""
        deposit_a = self.sell_deposit(qty=12)
        deposit_b = self.sell_deposit(member=self.member_b, qty=5, price=310.0, session=self.session_b,
                                      user=self.cashier_b)  # fmt: skip
        self.pick_up(deposit_a, 2, session=self.session_b, user=self.cashier_b)
        self.pick_up(deposit_a, 1)
        self.pick_up(deposit_b, 2, session=self.session_b, user=self.cashier_b)
        card = self.sell_card()
        self.use_card(card)
        self._close(self.session_a, self.session_b)

        Deposit = self.env["chain.member.deposit"]
        Pickup = self.env["chain.member.deposit.pickup"]
        for store in (self.store_a, self.store_b):
            deposits = Deposit.search([("store_id", "=", store.id)])
            sold = sum(deposits.mapped(lambda d: d.qty_deposited * d.unit_price))
            picked = sum(Pickup.search([("deposit_id.store_id", "=", store.id)]).mapped("amount"))
            outstanding = sum(deposits.mapped(lambda d: d.qty_remaining * d.unit_price))
            self.assertAlmostEqual(sold - picked, outstanding, places=2, msg=store.name)
        self.assertEqual(
            Deposit._chain_outstanding(groupby=("store_id",)),
            {(self.store_a,): (9.0, 2700.0), (self.store_b,): (3.0, 930.0)},
        )
        self.assertEqual(self._balance(self.deposit_account), -(2700.0 + 930.0), "a credit: the chain owes it")
        self.assertEqual(self._balance(self.card_account), -66.67)
        self.assertEqual(card.amount_remaining, 66.67)
        # revenue of the formula is recognised at pickup, in the pickup's store's session
        income = self.formula.product_tmpl_id._get_product_accounts()["income"]
        revenue = self.env["account.move.line"].search(
            [("move_id", "=", self.session_b.move_id.id), ("account_id", "=", income.id)]
        )
        self.assertAlmostEqual(-sum(revenue.mapped("balance")), 2 * 300.0 + 2 * 310.0, places=2)
