# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_pull import YouzanSyncCommon

MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@tagged("post_install", "-at_install")
class TestYouzanReconcileOrders(YouzanSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.boss = new_test_user(cls.env, login="yz_channel_boss", groups="chain_channel.group_channel_manager")
        cls.channel.manager_id = cls.boss

    def _todos(self):
        return self.env["mail.activity"].search([("res_model", "=", "chain.channel"), ("res_id", "=", self.channel.id)])

    def _store_by_pull(self, since):
        self.channel.pull_cursor = since
        self._pull()

    def test_missing_order_within_tolerance_is_healed_without_todo(self):
        had = [self._trade(self.now - 5 * HOUR), self._trade(self.now - 4 * HOUR)]
        self._store_by_pull(self.now - 6 * HOUR)
        missed = self._trade(self.now - 3 * HOUR)  # the push and the pull both missed it
        old = self._trade(self.now - 3 * 24 * HOUR)  # before the period: not compared

        result = self.channel._chain_reconcile_orders()
        self.env.invalidate_all()

        self.assertEqual((result["platform"], result["missing"], result["healed"], result["extra"]), (3, 1, 1, 0))
        self.assertEqual(result["missing_ids"], [missed])
        order = self._orders([missed])
        self.assertEqual(order.state, "sale")
        self.assertFalse(self._orders([old]))
        self.assertEqual(len(self._orders(had)), 2)
        self.assertRecordValues(
            self.channel,
            [
                {
                    "reconcile_platform_count": 3,
                    "reconcile_missing_count": 1,
                    "reconcile_healed_count": 1,
                    "reconcile_extra_count": 0,
                }
            ],
        )
        self.assertTrue(self.channel.reconcile_date)
        self.assertIn(missed, self.channel.reconcile_note)
        self.assertFalse(self._todos())

        again = self.channel._chain_reconcile_orders()  # healed: nothing is missing any more
        self.assertEqual((again["missing"], again["healed"]), (0, 0))
        self.assertEqual(len(self._messages().filtered(lambda m: m.platform_order_id == missed)), 1)

    def test_above_tolerance_opens_one_todo_for_the_manager(self):
        self.channel.reconcile_tolerance = 2
        missed = sorted(self._trade(self.now - (10 + i) * HOUR) for i in range(3))

        result = self.channel._chain_reconcile_orders()

        self.assertEqual((result["missing"], result["healed"]), (3, 3))
        self.assertEqual(len(self._orders(missed)), 3)
        todo = self._todos()
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.boss)
        self.assertEqual(todo.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertIn(self.channel.name, todo.summary)
        for tid in missed:
            self.assertIn(tid, str(todo.note))
        self.assertIn("3 missing", str(todo.note))

    def test_order_the_platform_does_not_list_opens_a_todo_for_a_channel_manager(self):
        self.channel.manager_id = False
        kept = self._trade(self.now - 5 * HOUR)
        vanished = self._trade(self.now - 4 * HOUR)
        self._store_by_pull(self.now - 6 * HOUR)
        del self.sim.trades[vanished]  # the platform no longer lists it

        result = self.channel._chain_reconcile_orders()

        self.assertEqual((result["platform"], result["missing"], result["extra"]), (1, 0, 1))
        self.assertEqual(result["extra_ids"], [vanished])
        todo = self._todos()
        self.assertEqual(len(todo), 1)
        self.assertIn(vanished, str(todo.note))
        self.assertNotIn(kept, str(todo.note))
        self.assertTrue(todo.user_id.has_group("chain_channel.group_channel_manager"))

        self.channel._chain_reconcile_orders()  # a second run updates the same to-do
        self.assertEqual(len(self._todos()), 1)

    def test_platform_failure_is_recorded_and_button_for_managers_only(self):
        self.sim.inject("5xx", 1)
        self.assertIsNone(self.channel._chain_reconcile_orders())
        self.env.invalidate_all()
        self.assertIn("503", self.channel.reconcile_note)
        self.assertFalse(self._todos())

        self._trade(self.now - HOUR)
        action = self.channel.action_chain_reconcile_orders()
        self.assertIn("1 missing (1 recovered)", action["params"]["message"])
        staff = new_test_user(
            self.env,
            login="yz_reconcile_staff",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[Command.set(self.store.ids)],
            chain_store_id=self.store.id,
        )
        with self.assertRaises(AccessError):
            self.channel.with_user(staff).action_chain_reconcile_orders()
