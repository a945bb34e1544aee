from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainLedgerCase


@tagged("post_install", "-at_install")
class TestLedgerAccess(ChainLedgerCase):
    def _stores_of(self, ledger):
        return set(ledger.line_ids.store_id.ids)

    def test_store_user_own_store(self):
        ledger = self._ledger(user=self.staff_a)
        action = ledger.action_show()
        self.assertEqual(action["res_model"], "chain.stock.ledger.line")
        self.assertEqual(action["domain"], [("ledger_id", "=", ledger.id)])
        self.assertIn("pivot", action["view_mode"])
        lines = self.env["chain.stock.ledger.line"].with_user(self.staff_a).search(action["domain"])
        self.assertEqual(set(lines.store_id.ids), {self.store_a.id})
        diapers = lines.filtered(lambda line: line.product_id == self.diapers)
        self.assertRecordValues(diapers, [{"opening_qty": 20, "pos_sale_qty": 4, "closing_qty": 16}])

    def test_store_user_refused_other_store(self):
        ledger = self._ledger(user=self.staff_a, store_ids=[Command.set(self.store_b.ids)])
        with self.assertRaisesRegex(UserError, "TB01"):
            ledger.action_show()
        with self.assertRaises(UserError):
            ledger.action_export_xlsx()
        with self.assertRaises(UserError):
            self._rows(self.store_a | self.store_b, user=self.staff_b)

    def test_all_my_stores(self):
        ledger = self._ledger(user=self.staff_a, all_stores=True, store_ids=[])
        ledger.action_show()
        self.assertEqual(self._stores_of(ledger), {self.store_a.id})
        ledger = self._ledger(user=self.chain_manager, all_stores=True, store_ids=[])
        ledger.action_show()
        self.assertEqual(self._stores_of(ledger), {self.store_a.id, self.store_b.id})

    def test_region_manager(self):
        ledger = self._ledger(user=self.region_manager)
        ledger.action_show()
        self.assertEqual(self._stores_of(ledger), {self.store_a.id})
        other = self._ledger(user=self.region_manager, store_ids=[Command.set(self.store_b.ids)])
        with self.assertRaises(UserError):
            other.action_show()
        rows = self._rows(self.store_a | self.store_b, user=self.chain_manager)
        self.assertEqual({row["store_id"] for row in rows}, {self.store_a.id, self.store_b.id})

    def test_runs_are_private(self):
        ledger = self._ledger(user=self.staff_a, all_stores=True)
        ledger.action_show()
        self.assertTrue(ledger.line_ids)
        for user in (self.staff_b, self.manager_a, self.chain_manager):
            with self.subTest(user=user.login):
                Line = self.env["chain.stock.ledger.line"].with_user(user)
                self.assertFalse(Line.search([("ledger_id", "=", ledger.id)]))
                with self.assertRaises(AccessError):
                    ledger.line_ids[:1].with_user(user).read(["closing_qty"])
                with self.assertRaises(AccessError):
                    ledger.with_user(user).read(["date_from"])

    def test_recompute_replaces_rows(self):
        ledger = self._ledger(user=self.staff_a)
        ledger.action_show()
        count = len(ledger.line_ids)
        ledger.action_show()
        self.assertEqual(len(ledger.line_ids), count)
        ledger.by_lot = True
        ledger.action_show()
        self.assertEqual(len(ledger.line_ids), count + 1)  # the formula: one row per lot
