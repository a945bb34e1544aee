"""Tests of ``chain_channel_youzan.lib.youzan_protocol``: no database, no ORM."""

import contextlib
import doctest
import json
import unittest
from datetime import datetime, timedelta
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.chain_channel.lib.errors import (
    ChannelAuthError,
    ChannelError,
    ChannelPayloadError,
    ChannelRateLimited,
    ChannelTransientError,
)
from odoo.addons.chain_channel_youzan.lib import youzan_protocol as yz
from odoo.addons.chain_channel_youzan.lib import youzan_trades as yzt

NOW = datetime(2026, 11, 23, 6, 0, 0)


def trade(tid="E2026112300001", status="WAIT_SELLER_SEND_GOODS", updated="2026-11-23 14:00:00", **extra):
    info = {
        "order_info": {"tid": tid, "status": status, "created": "2026-11-23 13:59:00", "update_time": updated},
        "buyer_info": {"buyer_name": "王小明", "buyer_phone": "13800138000", "yz_open_id": "Yz0penWang8"},
        "address_info": {"receiver_name": "李丽", "receiver_tel": "13900139000", "delivery_province": "上海市",
                         "delivery_city": "上海市", "delivery_district": "浦东新区",
                         "delivery_address": "世纪大道100号", "delivery_postal_code": "200120"},
        "pay_info": {"payment": "268.00", "post_fee": "10.00"},
        "remark_info": {"buyer_message": "请尽快发货"},
        "orders": [
            {"oid": "1", "item_id": 555, "sku_id": 36001, "outer_sku_id": "NF-1", "num": 2, "payment": "198.00"},
            {"oid": "2", "item_id": 556, "sku_id": 0, "outer_sku_id": "WIPES", "num": 1, "price": "60.00"},
        ],
    }  # fmt: skip
    info.update(extra)
    return info


def push_body(info, kind="trade_TradePaid", version=None):
    body = {"id": info["order_info"]["tid"], "kdt_id": 1, "type": kind, "status": "x", "test": False,
            "msg": quote(json.dumps({"full_order_info": info})), "version": version or 1763877600000}  # fmt: skip
    return json.dumps(body).encode()


class TestDoctests(unittest.TestCase):
    def test_docstring_examples(self):
        failures, tried = doctest.testmod(yz)[:2]
        self.assertGreater(tried, 4)
        self.assertEqual(failures, 0)


class TestSignature(unittest.TestCase):
    def test_good_sign_passes_in_any_header_case(self):
        raw = b'{"id":"1"}'
        sign = yz.event_sign("cid", raw, "sec")
        yz.verify_event_sign("cid", "sec", {"event-sign": sign, "CLIENT-ID": "cid"}, raw)

    def test_bad_sign_wrong_client_or_missing_header_refused(self):
        raw = b'{"id":"1"}'
        sign = yz.event_sign("cid", raw, "sec")
        for headers in ({"Event-Sign": sign[:-1] + "0", "Client-Id": "cid"}, {"Event-Sign": sign, "Client-Id": "x"},
                        {"Client-Id": "cid"}, {}):  # fmt: skip
            with self.assertRaises(ChannelAuthError):
                yz.verify_event_sign("cid", "sec", headers, raw)
        with self.assertRaises(ChannelAuthError):
            yz.verify_event_sign("cid", "sec", {"Event-Sign": sign, "Client-Id": "cid"}, raw + b" ")

    def test_skew(self):
        yz.check_skew(NOW - timedelta(seconds=299), NOW, 300)
        for moment in (NOW - timedelta(seconds=301), NOW + timedelta(seconds=301)):
            with self.assertRaises(ChannelAuthError):
                yz.check_skew(moment, NOW, 300)


class TestTrades(unittest.TestCase):
    def test_trade_to_order(self):
        order = yzt.trade_to_order(trade())
        self.assertEqual(order["platform_order_id"], "E2026112300001")
        self.assertEqual(order["status"], "paid")
        self.assertEqual(order["updated_at"], datetime(2026, 11, 23, 6, 0, 0))  # Beijing 14:00 is 06:00 UTC
        self.assertEqual(order["address"]["district"], "浦东新区")
        self.assertEqual(order["address"]["phone"], "13900139000")
        self.assertEqual(order["buyer"], {"name": "王小明", "phone": "13800138000", "open_id": "Yz0penWang8"})
        self.assertEqual([(ln["sku"], ln["qty"], ln["price_unit"]) for ln in order["lines"]],
                         [("36001", 2, 99.0), ("WIPES", 1, 60.0)])  # fmt: skip
        self.assertEqual((order["amount_total"], order["shipping_fee"], order["note"]), (268.0, 10.0, "请尽快发货"))

    def test_buyer_without_youzan_account_has_no_open_id(self):
        """A guest checkout (or an older trade) names no ``yz_open_id``: the buyer's phone is all
        there is to find a member by."""
        order = yzt.trade_to_order(trade(buyer_info={"buyer_phone": 13800138000}))
        self.assertEqual(order["buyer"], {"name": "李丽", "phone": "13800138000", "open_id": ""})
        with self.assertRaises(ChannelPayloadError):
            yzt.trade_to_order(trade(buyer_info={"yz_open_id": ["a list"]}))

    def test_push_and_pull_give_the_same_key(self):
        [pushed] = yzt.parse_push(push_body(trade()))
        messages, has_next = yzt.parse_trades_page({"total_results": 1, "full_order_info_list": [
            {"full_order_info": trade()}]}, 1, 50)  # fmt: skip
        self.assertFalse(has_next)
        self.assertEqual(pushed["key"], messages[0]["key"])
        self.assertEqual(pushed["event"], "order_paid")

    def test_paging(self):
        page = {
            "total_results": 120,
            "full_order_info_list": [{"full_order_info": trade(tid=str(i))} for i in range(50)],
        }
        self.assertTrue(yzt.parse_trades_page(page, 2, 50)[1])
        self.assertFalse(yzt.parse_trades_page(page, 3, 50)[1])

    def test_refund_and_close(self):
        [refund] = yzt.parse_push(push_body(trade(), "trade_refund_BuyerCreated"))
        self.assertEqual((refund["event"], refund["order"]["status"]), ("refund_requested", "refund_requested"))
        [closed] = yzt.parse_push(push_body(trade(status="TRADE_CLOSED"), "trade_TradeClose"))
        self.assertEqual((closed["event"], closed["order"]["status"]), ("order_cancelled", "cancelled"))

    def test_unhandled_type_gives_nothing(self):
        self.assertEqual(yzt.parse_push(b'{"type": "ITEM_STATE", "msg": "x"}'), [])

    def test_malformed_trades(self):
        for info in (trade(orders=[]), trade(status="NOPE"), trade(orders=[{"sku_id": 1, "num": "two"}]),
                     trade(orders=[{"sku_id": 1, "num": 1, "payment": "-3"}]), {"order_info": {}}):  # fmt: skip
            with self.assertRaises(ChannelPayloadError):
                yzt.trade_to_order(info)


class TestApiAnswers(unittest.TestCase):
    def test_success(self):
        self.assertEqual(yz.parse_api_response(200, b'{"success":true,"code":200,"data":{"a":1}}'), {"a": 1})

    def test_errors_map_to_the_core_exceptions(self):
        with self.assertRaises(ChannelRateLimited) as caught:
            yz.parse_api_response(200, b'{"success":false,"code":4004,"message":"limit"}', retry_after="2.5")
        self.assertEqual(caught.exception.retry_after, 2.5)
        with self.assertRaises(ChannelRateLimited):
            yz.parse_api_response(429, b"")
        with self.assertRaises(ChannelTransientError):
            yz.parse_api_response(503, b"oops")
        with self.assertRaises(ChannelAuthError):
            yz.parse_api_response(200, b'{"success":false,"code":4203,"message":"token"}')
        with self.assertRaises(ChannelError) as caught:
            yz.parse_api_response(200, b'{"success":false,"code":50000001,"message":"item deleted"}')
        self.assertNotIsInstance(caught.exception, ChannelTransientError)
        with self.assertRaises(ChannelPayloadError):
            yz.parse_api_response(200, b"<html>")

    def test_skus_update_results(self):
        items = [{"sku": "1", "qty": 5}, {"sku": "2", "qty": 1}, {"sku": "3", "qty": 0}]
        data = {"results": [{"sku_id": "1", "is_success": True, "quantity": 5},
                            {"sku_id": "2", "is_success": False, "message": "sku not found"}]}  # fmt: skip
        self.assertEqual(yzt.parse_skus_update(data, items), [
            {"sku": "1", "ok": True, "error": None, "platform_qty": 5},
            {"sku": "2", "ok": False, "error": "sku not found", "platform_qty": None},
            {"sku": "3", "ok": False, "error": "no result for this SKU", "platform_qty": None}])  # fmt: skip

    def test_skus_update_request_incremental_only_with_delta(self):
        items = [
            {"sku": "1", "item_id": "9", "qty": 7, "delta": -2},
            {"sku": "2", "item_id": "9", "qty": 4, "delta": None},
        ]
        body = yz.skus_update_request(items, incremental=True)
        self.assertEqual([(s["quantity"], s["type"]) for s in body["sku_list"]], [(-2, 1), (4, 0)])

    def test_token(self):
        token, expires = yz.parse_token({"access_token": "t", "expires": 1763877600000}, NOW)
        self.assertEqual((token, expires), ("t", datetime(2025, 11, 23, 6, 0)))
        with self.assertRaises(ChannelPayloadError):
            yz.parse_token({"expires": 1}, NOW)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)
KEYS = st.sampled_from(["order_info", "orders", "pay_info", "address_info", "tid", "status", "num", "sku_id",
                        "payment", "created", "update_time", "type", "msg", "version"])  # fmt: skip


class TestMalformedInput(unittest.TestCase):
    """Whatever arrives, only ChannelPayloadError escapes the parsers."""

    def _only_payload_errors(self, func, *args):
        with contextlib.suppress(ChannelPayloadError):
            func(*args)

    @settings(max_examples=300, deadline=None)
    @given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
    def test_parse_push_bytes(self, raw):
        self._only_payload_errors(yzt.parse_push, raw)

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(KEYS, JSONISH, max_size=6), st.sampled_from(sorted(yz.EVENTS)))
    def test_parse_push_structures(self, msg, kind):
        raw = json.dumps({"type": kind, "version": 1763877600000, "msg": quote(json.dumps(msg))}).encode()
        self._only_payload_errors(yzt.parse_push, raw)

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(KEYS, JSONISH, max_size=6), st.dictionaries(KEYS, JSONISH, max_size=6))
    def test_trade_structures(self, order_info, line):
        info = trade()
        info["order_info"].update(order_info)
        info["orders"].append(line)
        self._only_payload_errors(yzt.trade_to_order, info)

    @settings(max_examples=200, deadline=None)
    @given(JSONISH, st.integers(min_value=1, max_value=5))
    def test_trades_page(self, data, page):
        self._only_payload_errors(yzt.parse_trades_page, data, page, 50)

    @settings(max_examples=200, deadline=None)
    @given(JSONISH)
    def test_message_time(self, version):
        self._only_payload_errors(yzt.message_time, {"version": version})
