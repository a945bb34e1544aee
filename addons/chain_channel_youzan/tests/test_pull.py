# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import YouzanCommon

MIN = timedelta(minutes=1)


class YouzanSyncCommon(YouzanCommon):
    """A Youzan channel fulfilled by one store, two mapped SKUs, a clean simulator per test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._store_with_two_skus("YZ-P", "pull test", qty=500)
        cls.other_store = cls.env["chain.store"].create({"name": "Other Store (test)", "code": "YZ-O"})

    def setUp(self):
        super().setUp()
        self.sim.trades.clear()
        # run the queued jobs at once (queue_job's documented switch)
        env_patch = patch.dict(os.environ, {"QUEUE_JOB__NO_DELAY": "1"})
        env_patch.start()
        self.addCleanup(env_patch.stop)
        self.now = fields.Datetime.now()

    def _trade(self, updated, qty=1):
        return self.sim.create_order([(36001, qty, 89.0)], updated=updated)

    def _messages(self, channel=None):
        return self.env["chain.channel.message"].search([("channel_id", "=", (channel or self.channel).id)])

    def _orders(self, tids):
        return self.env["sale.order"].search(
            [("chain_channel_id", "=", self.channel.id), ("chain_platform_order_id", "in", list(tids))]
        )

    def _sold_calls(self):
        return sum(1 for name, code in self.sim.calls if name == "youzan.trades.sold.get" and code == 200)

    def _pull(self, channel=None):
        channel = channel or self.channel
        result = channel._chain_pull_orders()
        self.env.invalidate_all()  # written in the pull's own cursors
        return result


@tagged("post_install", "-at_install")
class TestYouzanPull(YouzanSyncCommon):
    def test_pulled_order_pushed_three_times_is_stored_once(self):
        pushed = self._trade(self.now - 3 * MIN)  # within the webhook's clock-skew limit
        pulled_only = self._trade(self.now - 5 * MIN)
        self.channel.pull_cursor = self.now - 10 * MIN
        url = f"{self.base_url()}/chain_channel/{self.channel.id}/webhook"
        statuses = [status for status, _body in self.sim.push(url, pushed, times=3)]
        self.assertEqual(statuses, [200, 200, 200])
        self.assertEqual(len(self._messages()), 1)

        self.assertEqual(self._pull(), 1)  # only the order the webhook never gave is new
        messages = self._messages()
        self.assertEqual(sorted(messages.mapped("platform_order_id")), sorted([pushed, pulled_only]))
        self.assertEqual(set(messages.mapped("state")), {"done"})
        orders = self._orders([pushed, pulled_only])
        self.assertEqual(len(orders), 2)
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertEqual(orders.warehouse_id, self.store.warehouse_id)
        self.assertFalse(self.channel.pull_error)
        self.assertEqual(self.channel.pull_last_count, 1)

        # pulled again from the start (a cursor set back by hand): still one message per order
        self.channel.pull_cursor = self.now - 10 * MIN
        self.assertEqual(self._pull(), 0)
        self.assertEqual(len(self._messages()), 2)
        self.assertEqual(len(self._orders([pushed, pulled_only])), 2)

    def test_a_trade_that_cannot_be_read_waits_with_its_reason_the_pull_goes_on(self):
        """Before, one bad trade made its whole page fail: the pull stopped at that window at
        every run, and no later order of the channel was pulled again."""
        good = self._trade(self.now - 6 * MIN)
        bad = self._trade(self.now - 5 * MIN)
        self.sim.trades[bad]["orders"] = []
        nul = self._trade(self.now - 4 * MIN)
        self.sim.trades[nul]["orders"][0]["sku_id"] = "36001\x00"
        later = self._trade(self.now - 3 * MIN)
        self.channel.pull_cursor = self.now - 10 * MIN
        self.assertEqual(self._pull(), 4)
        self.assertFalse(self.channel.pull_error)
        self.assertGreater(self.channel.pull_cursor, self.now - 3 * MIN)
        messages = {m.platform_order_id: m for m in self._messages()}
        self.assertEqual(
            [messages[tid].state for tid in (good, bad, nul, later)], ["done", "attention", "attention", "done"]
        )
        self.assertIn("lines", messages[bad].reason)
        self.assertIn("NUL", messages[nul].reason)
        self.assertEqual(len(self._orders([good, later])), 2)
        self.assertFalse(self._orders([bad, nul]))
        # pulled again: the bad trades are not stored twice
        self.channel.pull_cursor = self.now - 10 * MIN
        self.assertEqual(self._pull(), 0)
        self.assertEqual(len(self._messages()), 4)

    def test_paging_across_pages_and_windows(self):
        cursor = self.now - 75 * MIN  # windows: 30 min, 30 min, 13 min (up to now - 2 min lag)
        first = [self._trade(cursor + timedelta(minutes=1, seconds=10 * i)) for i in range(5)]
        second = [self._trade(cursor + 35 * MIN + timedelta(seconds=10 * i)) for i in range(3)]
        third = [self._trade(cursor + 65 * MIN)]
        too_recent = self._trade(self.now - 30 * timedelta(seconds=1))  # inside the platform's lag
        self.channel.write({"pull_cursor": cursor, "pull_page_size": 2})
        calls = self._sold_calls()

        self.assertEqual(self._pull(), 9)

        self.assertEqual(self._sold_calls() - calls, 3 + 2 + 1)  # pages of each window
        self.assertEqual(sorted(self._messages().mapped("platform_order_id")), sorted(first + second + third))
        self.assertEqual(len(self._orders(first + second + third)), 9)
        self.assertFalse(self._orders([too_recent]))
        self.assertGreaterEqual(self.channel.pull_cursor, self.now - 2 * MIN)  # up to the platform's lag
        self.assertLessEqual(self.channel.pull_cursor, fields.Datetime.now() - 2 * MIN)
        self.assertTrue(self.channel.pull_last_date)
        self.assertEqual(self.channel.pull_last_count, 9)

    def test_error_in_second_window_keeps_cursor_after_first(self):
        cursor = self.now - 65 * MIN
        first = [self._trade(cursor + 5 * MIN), self._trade(cursor + 6 * MIN)]
        later = [self._trade(cursor + 40 * MIN), self._trade(cursor + 41 * MIN), self._trade(cursor + 62 * MIN)]
        self.channel.write({"pull_cursor": cursor, "pull_page_size": 10})
        self.sim.inject("5xx", 1, after=1)  # the 1st window's page answers, the 2nd window's fails

        self.assertEqual(self._pull(), 2)

        self.assertEqual(self.channel.pull_cursor, cursor + 30 * MIN)
        self.assertIn("503", self.channel.pull_error)
        self.assertIn(str(cursor + 30 * MIN), self.channel.pull_error)  # where the next pull starts
        self.assertTrue(self.channel.pull_error_date)
        self.assertEqual(sorted(self._messages().mapped("platform_order_id")), sorted(first))

        self.assertEqual(self._pull(), 3)  # the next pull starts at the 2nd window and completes

        self.assertFalse(self.channel.pull_error)
        self.assertFalse(self.channel.pull_error_date)
        self.assertGreaterEqual(self.channel.pull_cursor, self.now - 2 * MIN)
        self.assertEqual(sorted(self._messages().mapped("platform_order_id")), sorted(first + later))
        self.assertEqual(len(self._orders(first + later)), 5)

    def test_timeout_is_recorded_and_nothing_moves(self):
        cursor = self.now - 20 * MIN
        self._trade(cursor + MIN)
        self.channel.pull_cursor = cursor
        self.sim.inject("timeout", 1)
        self.assertEqual(self._pull(), 0)
        self.assertEqual(self.channel.pull_cursor, cursor)
        # Odoo's test mode lengthens HTTP timeouts: the simulator drops the call before the client gives up
        self.assertRegex(self.channel.pull_error, "did not answer in time|unreachable")
        self.assertFalse(self._messages())

    def test_cron_skips_generic_and_goes_past_a_failing_channel(self):
        generic = self.env["chain.channel"].create({"name": "Generic (pull test)", "platform": "generic"})
        broken = self.env["chain.channel"].create(
            dict(self._channel_vals(), name="Youzan Down (test)", api_url="http://127.0.0.1:9")
        )
        cursor = self.now - 20 * MIN
        (self.channel | generic | broken).write({"pull_cursor": cursor})
        tid = self._trade(cursor + MIN)

        self.env["chain.channel"]._cron_chain_pull_orders()
        self.env.invalidate_all()

        self.assertIn("unreachable", broken.pull_error)
        self.assertEqual(broken.pull_cursor, cursor)
        self.assertFalse(generic.pull_error)
        self.assertEqual(generic.pull_cursor, cursor)
        self.assertFalse(self.channel.pull_error)
        self.assertEqual(self._messages().mapped("platform_order_id"), [tid])
        self.assertIsNone(generic._chain_pull_orders())

    def test_first_pull_reads_the_look_back(self):
        old = self._trade(self.now - 5 * timedelta(hours=1))
        older = self._trade(self.now - 7 * timedelta(hours=1))  # before the look-back
        self.channel.write({"pull_cursor": False, "pull_lookback_hours": 6})
        self._pull()
        self.assertEqual(self._messages().mapped("platform_order_id"), [old])
        self.assertFalse(self._orders([older]))

    def test_button_for_managers_only(self):
        self.channel.pull_cursor = self.now - 10 * MIN
        self._trade(self.now - 5 * MIN)
        action = self.channel.action_chain_pull_orders()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(action["params"]["message"], "1 new order messages stored.")
        self.channel.pull_cursor = self.now - 10 * MIN
        self.sim.inject("5xx", 1)
        action = self.channel.action_chain_pull_orders()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("503", action["params"]["message"])
        staff = new_test_user(
            self.env,
            login="yz_pull_staff",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[Command.set(self.other_store.ids)],
            chain_store_id=self.other_store.id,
        )
        with self.assertRaises(AccessError):
            self.channel.with_user(staff).action_chain_pull_orders()
        self.channel.store_ids |= self.other_store  # even seeing the channel is not enough
        with self.assertRaises(AccessError):
            self.channel.with_user(staff).action_chain_pull_orders()

    def test_settings_are_checked(self):
        with self.assertRaises(ValidationError):
            self.channel.pull_page_size = 0
        with self.assertRaises(ValidationError):
            self.channel.pull_lag_seconds = -1
        with self.assertRaises(ValidationError):
            self.channel.reconcile_days = 0
