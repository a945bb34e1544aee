from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.chain_member_prepaid.tests.common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestLedgerDeposit(ChainDepositCase):
    """The ledger shows the units deposited in a store and not picked up at the period's end."""

    def setUp(self):
        super().setUp()
        # the ledger has a row for a store's product that moved: sell one in each store
        self.sync(self.till_order([(self.formula, 1, 300.0)]))
        self.sync(self.till_order([(self.formula, 1, 300.0)], session=self.session_b), user=self.cashier_b)

    def _ledger_rows(self, stores, date_to=None, user=None, by_lot=False):
        Ledger = self.env["chain.stock.ledger"].with_user(user) if user else self.env["chain.stock.ledger"]
        today = self.today()
        ledger = Ledger.create(
            {
                "store_ids": [Command.set(stores.ids)],
                "date_from": today - timedelta(days=1),
                "date_to": date_to or today,
                "by_lot": by_lot,
            }
        )
        ledger._fill_lines()
        return {
            (line.store_id, line.product_id): line.chain_deposit_qty
            for line in ledger.line_ids
            if line.product_id == self.formula
        }

    def test_deposited_units_per_selling_store(self):
        deposit = self.sell_deposit(qty=12)
        self.pick_up(deposit, 2, session=self.session_b, user=self.cashier_b)
        self.sell_deposit(member=self.member_b, qty=3, session=self.session_b, user=self.cashier_b)
        rows = self._ledger_rows(self.store_a | self.store_b)
        self.assertEqual(rows[self.store_a, self.formula], 10.0, "sold in A, 2 picked up (in B)")
        self.assertEqual(rows[self.store_b, self.formula], 3.0)

    def test_period_ending_before_the_deposit_shows_nothing(self):
        self.sell_deposit(qty=12)
        rows = self._ledger_rows(self.store_a, date_to=self.today() - timedelta(days=1))
        self.assertEqual(rows.get((self.store_a, self.formula), 0.0), 0.0)

    def test_store_user_sees_own_store(self):
        deposit = self.sell_deposit(qty=12)
        self.pick_up(deposit, 2, session=self.session_b, user=self.cashier_b)
        self.sell_deposit(member=self.member_b, qty=3, session=self.session_b, user=self.cashier_b)
        rows = self._ledger_rows(self.store_a, user=self.staff_a)
        self.assertEqual(rows[self.store_a, self.formula], 10.0, "the pickup in store B counts")
