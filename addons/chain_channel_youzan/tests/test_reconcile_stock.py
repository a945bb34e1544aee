# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import YouzanCommon


@tagged("post_install", "-at_install")
class TestReconcileStock(YouzanCommon):
    """A Youzan shop showing one store's diapers (SKU 36003) and formula (SKU 36004)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, login="rc_channel_manager", groups="chain_channel.group_channel_manager")
        cls._store_with_two_skus(
            "RC-T", "reconcile test", skus=("36003", "36004"), qty=10, sequence=1, manager_id=cls.manager.id
        )

    def setUp(self):
        super().setUp()
        Outbox = self.env["chain.channel.outbox"]
        Outbox._chain_mark(self.diapers | self.formula, self.store.warehouse_id)
        Outbox._chain_push_pending()
        self.assertEqual((self.sim.quantity(36003), self.sim.quantity(36004)), (10, 10))

    def _row(self, product):
        return self.env["chain.channel.outbox"].search(
            [("channel_id", "=", self.channel.id), ("product_id", "=", product.id)]
        )

    def _todos(self):
        return self.env["mail.activity"].search([("res_model", "=", "chain.channel"), ("res_id", "=", self.channel.id)])

    def test_small_drift_is_corrected_without_a_todo(self):
        self.sim.skus["36003"]["quantity"] = 11  # one unit more on the platform: within 2
        self.channel.action_reconcile_stock()
        self.assertRecordValues(
            self.channel,
            [{"stock_reconcile_checked": 2, "stock_reconcile_healed": 1, "stock_reconcile_alerted": 0,
              "stock_reconcile_error": False}],
        )  # fmt: skip
        self.assertTrue(self.channel.stock_reconciled_at)
        self.assertEqual((self._row(self.diapers).state, self._row(self.formula).state), ("pending", "done"))
        self.assertFalse(self._todos())
        ledger = self.env["chain.channel.allocation"].search(
            [("channel_id", "=", self.channel.id), ("product_id", "=", self.diapers.id)]
        )
        self.assertEqual((ledger.allocated_qty, ledger.platform_qty), (10, 11))
        self.env["chain.channel.outbox"]._chain_push_pending()
        self.assertEqual(self.sim.quantity(36003), 10, "the platform shows the allocation again")

    def test_large_drift_opens_one_todo_for_the_channel_manager(self):
        self.sim.skus["36003"]["quantity"] = 40
        self.sim.skus["36004"]["quantity"] = 0
        self.channel.with_user(self.manager).action_reconcile_stock()
        self.assertEqual((self.channel.stock_reconcile_healed, self.channel.stock_reconcile_alerted), (0, 2))
        todo = self._todos()
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.manager)
        self.assertEqual(todo.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertIn("SKU 36003: 10 allocated, 40 on the platform", str(todo.note))
        self.assertIn("SKU 36004: 10 allocated, 0 on the platform", str(todo.note))
        self.env["chain.channel.outbox"]._chain_push_pending()
        self.assertEqual((self.sim.quantity(36003), self.sim.quantity(36004)), (10, 10))
        self.sim.skus["36003"]["quantity"] = 25
        self.channel.action_reconcile_stock()
        self.assertEqual(len(self._todos()), 1, "a later drift updates the open to-do")
        self.assertIn("25 on the platform", str(self._todos().note))

    def test_throttled_query_is_asked_again(self):
        self.sim.skus["36004"]["quantity"] = 12
        self.adapter._youzan_token(self.channel)
        self.sim.inject("throttle")
        self.channel.action_reconcile_stock()
        self.assertFalse(self.channel.stock_reconcile_error)
        self.assertEqual((self.channel.stock_reconcile_checked, self.channel.stock_reconcile_healed), (2, 1))
        self.assertIn(("youzan.skus.get", 4004), self.sim.calls, "the first query was refused for the rate")

    def test_sku_with_an_update_on_its_way_is_not_compared(self):
        self.sim.skus["36003"]["quantity"] = 40
        self.env["chain.channel.allocation"]._chain_queue(self.channel, self.diapers)
        self.channel.action_reconcile_stock()
        self.assertEqual((self.channel.stock_reconcile_checked, self.channel.stock_reconcile_alerted), (1, 0))
        self.assertFalse(self._todos())

    def test_platform_error_is_recorded_and_the_other_channels_go_on(self):
        second = self.env["chain.channel"].create(
            dict(
                self._channel_vals(),
                name="Youzan Second Shop (reconcile)",
                sequence=5,
                store_ids=[Command.set(self.store.ids)],
                product_ids=[Command.create({"sku": "36005", "product_id": self.diapers.id})],
            )
        )
        generic = self.env["chain.channel"].create(
            {
                "name": "Generic Shop (reconcile)",
                "sequence": 9,
                "store_ids": [Command.set(self.store.ids)],
                "product_ids": [Command.create({"sku": "G-1", "product_id": self.diapers.id})],
            }
        )
        self.adapter._youzan_token(self.channel)
        self.sim.inject("5xx")  # the first API call: the first channel's stock query
        self.env["chain.channel"]._chain_reconcile_stock_cron()
        self.assertIn("could not be read", self.channel.stock_reconcile_error)
        self.assertTrue(self.channel.stock_reconciled_at)
        self.assertFalse(second.stock_reconcile_error)
        self.assertTrue(second.stock_reconciled_at)
        # the second shop was never sent its stock: it is queued rather than compared
        self.assertEqual(second.stock_reconcile_checked, 0)
        self.assertEqual(self.env["chain.channel.outbox"].search([("channel_id", "=", second.id)]).state, "pending")
        self.assertFalse(generic.stock_reconciled_at, "a platform that cannot report stock is skipped")
        cron = self.env.ref("chain_channel.ir_cron_chain_channel_reconcile_stock")
        self.assertEqual((cron.interval_number, cron.interval_type, cron.active), (1, "hours", True))

    def test_tolerance_cannot_be_negative(self):
        with self.assertRaisesRegex(ValidationError, "tolerance"):
            self.channel.stock_reconcile_tolerance = -1
