# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signed Youzan pushes the parser never expected, through the real webhook controller.

Every push is signed with the channel's secret (so it reaches the parser) and posted over HTTP;
the inbox runs at once (queue_job's switch). Whatever the payload: no server error, the answer
is Youzan's protocol, nothing waits unprocessed, every order is whole.
"""

import copy
import itertools
import json
import os
import time
from unittest.mock import patch
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .common import YouzanCommon

EXTREME_TIMES = ["0001-01-01 00:00:00", "9999-12-31 23:59:59", "2026-02-30 25:61:61", "yesterday", "0", ""]
HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.text(max_size=6),
    st.sampled_from(["A\x00B", "\x00", "36001\x00", "x" * 3000, *EXTREME_TIMES]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
# where a hostile value goes: (part of the trade, field); "line" is the first order line
TRADE_FIELDS = [
    ("order_info", "tid"),
    ("order_info", "status"),
    ("order_info", "created"),
    ("order_info", "update_time"),
    ("order_info", "refund_state"),
    ("buyer_info", "buyer_name"),
    ("buyer_info", "yz_open_id"),
    ("address_info", "receiver_name"),
    ("address_info", "receiver_tel"),
    ("address_info", "delivery_province"),
    ("address_info", "delivery_address"),
    ("pay_info", "payment"),
    ("line", "sku_id"),
    ("line", "num"),
    ("line", "payment"),
    ("line", "oid"),
    ("trade", "orders"),
    ("trade", "address_info"),
    ("trade", "order_info"),
]
BODY_FIELDS = ["type", "kdt_id", "msg", "test", "version", "id"]
MUTATION = st.one_of(
    st.tuples(st.sampled_from(TRADE_FIELDS), HOSTILE),
    st.tuples(st.sampled_from(BODY_FIELDS).map(lambda name: ("body", name)), HOSTILE),
)


@tagged("post_install", "-at_install")
class TestYouzanWebhookHostile(YouzanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._store_with_two_skus("YZ-H", "hostile test", qty=1000)
        cls.numbers = itertools.count(1)

    def setUp(self):
        super().setUp()
        # run the queued jobs at once, in the request (queue_job's documented switch)
        env_patch = patch.dict(os.environ, {"QUEUE_JOB__NO_DELAY": "1"})
        env_patch.start()
        self.addCleanup(env_patch.stop)

    def _url(self):
        return f"{self.base_url()}/chain_channel/{self.channel.id}/webhook"

    def _push(self, mutations=(), kind="trade_TradePaid"):
        """Sign and post the push of a new paid trade with ``mutations`` applied; its answer."""
        tid = self.sim.create_order([(36001, 1, 99.0), (36002, 2, 50.0)], tid=f"H{next(self.numbers):08d}")
        trade = copy.deepcopy(self.sim.trades[tid])
        body = {
            "client_id": self.sim.client_id,
            "id": tid,
            "kdt_id": int(self.sim.kdt_id),
            "type": kind,
            "status": "TRADE_PAID",
            "test": False,
            "version": int(time.time() * 1000),
        }
        for (part, name), value in mutations:
            if part == "body":
                body[name] = value
            elif part == "trade":
                trade[name] = value
            elif part == "line":
                lines = trade["orders"]
                if isinstance(lines, list) and lines and isinstance(lines[0], dict):
                    lines[0][name] = value
                # else an earlier mutation replaced the lines themselves: they are hostile already
            else:
                trade[part][name] = value
        # a hostile msg of the mutations replaces the trade's
        body.setdefault("msg", quote(json.dumps({"full_order_info": trade}, ensure_ascii=False)))
        headers, raw = self.sim.message(tid, body_override=body)
        return self.sim.deliver(self._url(), headers, raw)

    def _assert_sound(self, status, answer, label):
        """No server error, Youzan's answer, nothing left unprocessed, every order whole."""
        self.assertLess(status, 500, label)
        if status != 401:  # 401: not signed as Youzan signs (a version that is no timestamp)
            self.assertIn(json.loads(answer).get("code"), (0, 1), label)
        messages = self.env["chain.channel.message"].search([("channel_id", "=", self.channel.id)])
        self.assertFalse(messages.filtered(lambda m: m.state in ("received", "failed")), label)
        for message in messages.filtered(lambda m: m.state == "attention"):
            self.assertTrue(message.reason, label)
        for message in messages.filtered("sale_order_id"):
            lines = json.loads(message.normalized)["order"]["lines"]
            self.assertEqual(len(message.sale_order_id.order_line), len(lines), label)
            self.assertEqual(message.sale_order_id.state, "sale", label)

    def test_extreme_dates_wrong_types_and_nul_characters_are_answered_and_recorded(self):
        cases = {
            "year 1": [(("order_info", "created"), "0001-01-01 00:00:00")],
            "year 1 update": [(("order_info", "update_time"), "0001-01-01 00:00:00")],
            "year 9999": [(("order_info", "created"), "9999-12-31 23:59:59")],
            "garbage time": [(("order_info", "update_time"), "2026-02-30 25:61:61")],
            "garbage version": [(("body", "version"), "soon")],
            "type is a list": [(("body", "type"), ["trade_TradePaid"])],
            "msg is a list": [(("body", "msg"), [1, 2])],
            "sku is an object": [(("line", "sku_id"), {"id": 36001})],
            "tid is a list": [(("order_info", "tid"), ["H1"])],
            "amount too large": [(("pay_info", "payment"), 10**400)],
            "line amount too large": [(("line", "payment"), 10**400)],
            "NUL in the SKU": [(("line", "sku_id"), "36001\x00")],
            "NUL in the tid": [(("order_info", "tid"), "H\x00NUL")],
            "NUL in the name": [(("address_info", "receiver_name"), "王\x00小明")],
            "overlong tid": [(("order_info", "tid"), "T" * 5000)],
        }
        for label, mutations in cases.items():
            status, answer = self._push(mutations)
            self._assert_sound(status, answer, label)
        waiting = self.env["chain.channel.message"].search(
            [("channel_id", "=", self.channel.id), ("state", "=", "attention")]
        )
        # the NUL characters reached the inbox and wait there with their reason
        self.assertGreaterEqual(len(waiting), 3)
        self.assertEqual(self._push()[0], 200, "the inbox goes on")

    def test_a_poison_push_among_good_ones_leaves_the_good_orders_and_the_inbox_going(self):
        answers = [self._push(), self._push([(("line", "sku_id"), "36002\x00")]), self._push()]
        self.assertEqual([status for status, _answer in answers], [200, 200, 200])
        messages = self.env["chain.channel.message"].search([("channel_id", "=", self.channel.id)], order="id")
        self.assertEqual(messages.mapped("state"), ["done", "attention", "done"])
        self.assertTrue(messages[1].reason)
        self.assertFalse(messages[1].sale_order_id)
        self.assertEqual(messages[0::2].sale_order_id.mapped("state"), ["sale", "sale"])
        self.assertEqual(self._push()[0], 200)
        self.assertEqual(
            self.env["chain.channel.message"]
            .search([("channel_id", "=", self.channel.id)], order="id desc", limit=1)
            .state,
            "done",
        )

    def test_fuzz_signed_pushes_through_the_controller(self):
        seen = {"examples": 0, "orders": 0}

        @settings(
            max_examples=120, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(mutations=st.lists(MUTATION, max_size=3))
        def run(mutations):
            seen["examples"] += 1
            status, answer = self._push(mutations)
            self._assert_sound(status, answer, repr(mutations)[:300])

        run()
        self.assertEqual(seen["examples"], 120)
        # the inbox still takes a good push, and some hostile pushes were orders all the same
        self.assertEqual(self._push()[0], 200)
        self.assertTrue(self.env["sale.order"].search_count([("chain_channel_id", "=", self.channel.id)]) > 1)
