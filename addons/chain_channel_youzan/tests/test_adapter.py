# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import tagged

from odoo.addons.chain_channel.lib.errors import (
    ChannelAuthError,
    ChannelPayloadError,
    ChannelRateLimited,
    ChannelTransientError,
)

from .common import YouzanCommon


def _items(*rows):
    return [
        {"sku": str(sku), "item_id": "", "qty": qty, "delta": delta, "version": 1, "idempotency_key": key}
        for sku, qty, delta, key in rows
    ]


@tagged("post_install", "-at_install")
class TestYouzanAdapter(YouzanCommon):
    def test_inbound_signature_and_age(self):
        tid = self.sim.create_order([(36001, 2, 99.0)])
        headers, raw = self.sim.message(tid)
        now = datetime.utcnow()
        self.adapter.verify_request(self.channel, headers, raw, now)
        [message] = self.adapter.parse_messages(self.channel, headers, raw)
        self.assertEqual((message["event"], message["platform_order_id"]), ("order_paid", tid))
        self.assertEqual(message["order"]["lines"][0]["qty"], 2)
        bad_headers, bad_raw = self.sim.message(tid, sign=False)
        with self.assertRaises(ChannelAuthError):
            self.adapter.verify_request(self.channel, bad_headers, bad_raw, now)
        with self.assertRaises(ChannelAuthError):  # 10 minutes later: older than the skew limit
            self.adapter.verify_request(self.channel, headers, raw, now + timedelta(minutes=10))
        other_shop = self.env["chain.channel"].create(dict(self._channel_vals(), name="Other", shop_ref="46002"))
        with self.assertRaises(ChannelAuthError):
            self.adapter.verify_request(other_shop, headers, raw, now)
        status, body, content_type = self.adapter.ack_response(self.channel, True)
        self.assertEqual((status, body, content_type), (200, b'{"code":0,"msg":"success"}', "application/json"))

    def test_malformed_message_is_a_payload_error(self):
        tid = self.sim.create_order([(36001, 1, 10.0)])
        self.sim.trades[tid]["orders"] = []
        headers, raw = self.sim.message(tid)
        self.adapter.verify_request(self.channel, headers, raw, datetime.utcnow())
        with self.assertRaises(ChannelPayloadError):
            self.adapter.parse_messages(self.channel, headers, raw)

    def test_pull_window_with_paging_gives_the_push_keys(self):
        start = datetime(2026, 11, 20, 2, 0, 0)
        tids = [self.sim.create_order(updated=start + timedelta(seconds=7 * i)) for i in range(23)]
        self.sim.create_order(updated=start + timedelta(minutes=30))  # at the end: not in [start, end)
        seen, page, has_next = [], 1, True
        while has_next:
            messages, has_next = self.adapter.fetch_orders(self.channel, start, start + timedelta(minutes=30), page, 10)
            seen += messages
            page += 1
        self.assertEqual(page - 1, 3)
        self.assertEqual([m["platform_order_id"] for m in seen], tids)
        headers, raw = self.sim.message(tids[4])
        [pushed] = self.adapter.parse_messages(self.channel, headers, raw)
        self.assertEqual(pushed["key"], seen[4]["key"])
        self.assertEqual(self.adapter.fetch_order_ids(self.channel, start, start + timedelta(minutes=30)), set(tids))

    def test_push_stock_absolute(self):
        results = self.adapter.push_stock(self.channel, _items((36002, 40, -3, "a1"), (99999, 5, None, "a2")))
        self.assertEqual(results[0], {"sku": "36002", "ok": True, "error": None, "platform_qty": 40})
        self.assertEqual((results[1]["ok"], results[1]["error"]), (False, "sku not found"))
        self.assertEqual(self.sim.quantity(36002), 40)
        self.assertEqual(self.adapter.fetch_stock(self.channel, ["36002", "36003"]), {"36002": 40, "36003": 100})

    def test_push_stock_incremental_is_idempotent(self):
        self.channel.youzan_incremental_stock = True
        self.sim.skus["36004"]["quantity"] = 50
        items = _items((36004, 47, -3, "inc-1"))
        self.assertTrue(self.adapter.push_stock(self.channel, items)[0]["ok"])
        self.assertEqual(self.sim.quantity(36004), 47)
        self.assertTrue(self.adapter.push_stock(self.channel, items)[0]["ok"])  # the core retries the same key
        self.assertEqual(self.sim.quantity(36004), 47, "an increment must never count twice")
        self.assertEqual(self.sim.stock_updates()[-1]["type"], 1)

    def test_incremental_after_timeout_is_sent_as_absolute(self):
        self.channel.youzan_incremental_stock = True
        self.adapter._youzan_token(self.channel)
        self.sim.skus["36005"]["quantity"] = 20
        items = _items((36005, 18, -2, "inc-timeout"))
        self.sim.inject("timeout")
        # Not assertRaises: Odoo's rolls back a savepoint, which would undo what the adapter's own
        # cursor commits in production (the key logged as uncertain before the call).
        raised = None
        try:
            self.adapter.push_stock(self.channel, items)
        except ChannelTransientError as error:
            raised = error
        self.assertIsNotNone(raised)
        self.assertEqual(self.sim.quantity(36005), 20)
        self.assertTrue(self.adapter.push_stock(self.channel, items)[0]["ok"])
        self.assertEqual(self.sim.quantity(36005), 18)
        self.assertEqual(self.sim.stock_updates()[-1]["type"], 0)

    def test_throttled_then_success_after_backoff(self):
        self.adapter._youzan_token(self.channel)
        self.sim.inject("throttle")
        with self.assertRaises(ChannelRateLimited) as caught:
            self.adapter.push_stock(self.channel, _items((36006, 7, None, "t1")))
        self.assertGreater(caught.exception.retry_after, 0)
        self.assertTrue(self.adapter.push_stock(self.channel, _items((36006, 7, None, "t1")))[0]["ok"])
        self.assertEqual(self.sim.quantity(36006), 7)

    def test_timeout_and_server_error_are_transient(self):
        self.adapter._youzan_token(self.channel)
        # Odoo's test runner raises every requests timeout to 10 s: the simulator answers later.
        self.patch(self.sim, "fault_sleep", 10.5)
        self.sim.inject("timeout")
        with self.assertRaises(ChannelTransientError) as caught:
            self.adapter.push_stock(self.channel, _items((36007, 3, None, "timeout")))
        self.assertEqual(caught.exception.reason, "Youzan did not answer in time")
        self.sim.inject("5xx")
        with self.assertRaises(ChannelTransientError):
            self.adapter.push_stock(self.channel, _items((36007, 3, None, "5xx")))
        self.assertEqual(self.sim.quantity(36007), 100)
        self.assertTrue(self.adapter.push_stock(self.channel, _items((36007, 3, None, "ok")))[0]["ok"])

    def test_expired_token_is_renewed_once(self):
        token = self.adapter._youzan_token(self.channel)
        self.sim.expire_tokens()
        self.assertTrue(self.adapter.push_stock(self.channel, _items((36008, 9, None, "r1")))[0]["ok"])
        self.assertNotEqual(self.channel.sudo().access_token, token)

    def test_wrong_secret_is_an_auth_error(self):
        self.channel.write({"app_secret": "wrong", "access_token": False})
        with self.assertRaises(ChannelAuthError):
            self.adapter.push_stock(self.channel, _items((36009, 1, None, "w1")))

    def test_published_limits(self):
        self.assertEqual(self.adapter.rate_limit(self.channel), 10.0)
        self.assertEqual(self.adapter.max_push_batch(self.channel), 50)
