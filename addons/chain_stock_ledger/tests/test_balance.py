from datetime import datetime, time, timedelta

from odoo import Command
from odoo.tests import tagged

from .common import ChainLedgerCase


@tagged("post_install", "-at_install")
class TestLedgerBalance(ChainLedgerCase):
    """Month-end balances give the ledger the same figures as the whole history, and are forgotten
    when a move dated before them changes."""

    def _boundary(self, days_ago):
        return datetime.combine(self.today - timedelta(days=days_ago), time.min)

    def _strip(self, rows):
        return sorted((tuple(sorted(row.items())) for row in rows), key=repr)

    def test_ledger_from_balances_equals_ledger_from_history(self):
        stores = self.store_a | self.store_b
        Balance = self.env["chain.stock.ledger.balance"]
        for by_lot in (False, True):
            expected = self._rows(stores, by_lot=by_lot)
            # a balance 30 days ago (between the first and the second batch of moves), then one
            # 25 days ago taken from it: the ledger of the last 20 days opens from the latter
            # 30 days ago: diapers in A and B, formula in A (by lot: one lot)
            self.assertEqual(Balance._chain_take(self._boundary(30), by_lot), 3)
            Balance._chain_take(self._boundary(25), by_lot)
            start = self.env["chain.stock.ledger"]._chain_ledger_bounds(*self.period)[0]
            self.assertEqual(Balance._chain_latest(start, by_lot), self._boundary(25))
            self.assertEqual(self._strip(self._rows(stores, by_lot=by_lot)), self._strip(expected), f"by lot {by_lot}")
        # and it does open from them: a balance row off by 100 shows in the opening
        balance = Balance.search(
            [("store_id", "=", self.store_a.id), ("product_id", "=", self.diapers.id), ("by_lot", "=", False),
             ("date", "=", self._boundary(25))]
        )  # fmt: skip
        self.assertAlmostEqual(balance.qty, 20)
        balance.qty += 100
        row = self._row(self._rows(self.store_a), self.store_a, self.diapers)
        self.assertAlmostEqual(row["opening_qty"], 120)

    def test_a_move_changed_before_a_balance_forgets_it(self):
        Balance = self.env["chain.stock.ledger.balance"]
        Balance._chain_take(self._boundary(30))
        Balance._chain_take(self._boundary(10))
        self.assertEqual(set(Balance.search([]).mapped("date")), {self._boundary(30), self._boundary(10)})
        # a receipt validated today but dated 20 days ago (a late entry)
        picking = self._done(self.wh_a.in_type_id, self.suppliers, self.stock_a, self.diapers, 3, price=10.0)
        picking.move_ids.write({"date": datetime.combine(self.today - timedelta(days=20), time(12))})
        self.assertEqual(set(Balance.search([]).mapped("date")), {self._boundary(30)}, "the later balance is gone")
        row = self._row(self._rows(self.store_a), self.store_a, self.diapers)
        self.assertAlmostEqual(row["receipt_qty"], 13, msg="the late receipt counts in the period")
        self.assertAlmostEqual(row["closing_qty"], self._on_hand(self.store_a, self.diapers))

    def test_monthly_job_takes_both_balances(self):
        self.env["chain.stock.ledger.balance"]._cron_take_balances()
        balances = self.env["chain.stock.ledger.balance"].search([("store_id", "=", self.store_a.id)])
        self.assertEqual(set(balances.mapped("by_lot")), {False, True})
        first = self.today.replace(day=1)
        self.assertEqual(set(balances.mapped("date")), {datetime.combine(first - timedelta(days=1), time.min)})

    def test_lines_written_from_balances_are_the_rows(self):
        """The run's lines (unsorted query, written in one INSERT) carry the figures of the rows,
        also for stock that did not move since the balance (a row from the balance alone)."""
        stores = self.store_a | self.store_b
        self.env["chain.stock.ledger.balance"]._chain_take(self._boundary(25))
        quiet = (self.today - timedelta(days=24), self.today - timedelta(days=22))
        expected = self._rows(stores, period=quiet)
        self.assertTrue(expected)
        self.assertFalse([row for row in expected if row["receipt_qty"] or row["sale_qty"] or row["pos_sale_qty"]])
        ledger = self._ledger(store_ids=[Command.set(stores.ids)], date_from=quiet[0], date_to=quiet[1])
        ledger.action_show()
        columns = list(expected[0])
        got = [{name: line[name].id or None if name.endswith("_id") else line[name] for name in columns}
               for line in ledger.line_ids.sorted(lambda x: (x.store_id.id, x.product_id.id, x.lot_id.id))]  # fmt: skip
        self.assertEqual(len(got), len(expected))
        for row, line in zip(expected, got, strict=True):
            for name in columns:
                if name.endswith("_id"):
                    self.assertEqual(line[name], row[name], name)
                else:
                    self.assertAlmostEqual(line[name], row[name], places=2, msg=name)
