"""Tests of the Youzan simulator itself, over real HTTP: no database, no ORM."""

import doctest
import json
import pathlib
import subprocess
import sys
import threading
import time
import unittest
import urllib.request
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.addons.chain_channel_youzan.lib import simulator as simulator_module
from odoo.addons.chain_channel_youzan.lib import youzan_protocol as yz
from odoo.addons.chain_channel_youzan.lib import youzan_trades as yzt
from odoo.addons.chain_channel_youzan.lib.simulator import TokenBucket, YouzanSimulator, open_id_of


def call(url, path, body):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Receiver:
    """A webhook that records what it is sent and answers like our controller."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return

            def do_POST(self):
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((dict(self.headers), raw))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(yzt.ack_body(True))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class TestSimulator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = YouzanSimulator(rate=5.0, fault_sleep=0.5).start()
        for sku in range(1001, 1011):
            cls.sim.add_sku(sku, 100, item_id=9000 + sku % 3)
        cls.addClassCleanup(cls.sim.stop)

    def setUp(self):
        super().setUp()
        self.sim.faults.clear()
        self.sim.buckets.clear()

    def token(self):
        path, body = yz.token_request(self.sim.client_id, self.sim.client_secret, self.sim.kdt_id)
        status, raw = call(self.sim.url, path, body)
        return yz.parse_token(yz.parse_api_response(status, raw), datetime(2026, 1, 1))[0]

    def api(self, api, body, token=None):
        status, raw = call(self.sim.url, yz.api_path(api, token or self.token()), body)
        return yz.parse_api_response(status, raw)

    def test_token_refused_with_wrong_secret(self):
        status, raw = call(self.sim.url, "/auth/token", {"client_id": "sim-client", "client_secret": "x",
                                                         "grant_id": self.sim.kdt_id})  # fmt: skip
        with self.assertRaises(yz.ChannelError):
            yz.parse_api_response(status, raw)

    def test_bad_token_refused(self):
        with self.assertRaises(yz.ChannelAuthError):
            self.api(yz.API_SKUS_GET, {"sku_ids": ["1001"]}, token="forged")

    def test_trades_paged_by_update_window(self):
        base = datetime(2026, 11, 23, 1, 0, 0)
        tids = [self.sim.create_order(updated=base + timedelta(seconds=i)) for i in range(7)]
        self.sim.create_order(updated=base + timedelta(minutes=31))  # outside the window
        token = self.token()
        seen, page, has_next = [], 1, True
        while has_next:
            data = self.api(yz.API_TRADES_SOLD_GET, yz.trades_sold_request(base, base + timedelta(minutes=30), page, 3),
                            token)  # fmt: skip
            messages, has_next = yzt.parse_trades_page(data, page, 3)
            seen += [m["platform_order_id"] for m in messages]
            page += 1
        self.assertEqual(seen, tids)
        self.assertEqual(page - 1, 3)

    def test_stock_absolute_and_incremental(self):
        token = self.token()
        self.api(yz.API_SKUS_UPDATE, {"sku_list": [{"sku_id": "1001", "quantity": 40, "type": 0}]}, token)
        skus = [{"sku_id": "1001", "quantity": -3, "type": 1}, {"sku_id": "404", "quantity": 1, "type": 0}]
        data = self.api(yz.API_SKUS_UPDATE, {"sku_list": skus}, token)
        self.assertEqual(self.sim.quantity("1001"), 37)
        self.assertEqual([r["is_success"] for r in data["results"]], [True, False])
        self.assertEqual(self.sim.stock_updates()[-1]["result"], 37)

    def test_rate_limit_answers_the_rate_limit_code(self):
        token = self.token()
        codes = []
        for _i in range(12):
            try:
                self.api(yz.API_SKUS_GET, {"sku_ids": ["1001"]}, token)
                codes.append("ok")
            except yz.ChannelRateLimited:
                codes.append("limited")
        self.assertEqual(codes[:5], ["ok"] * 5)  # the bucket holds one second at 5 calls/s
        self.assertIn("limited", codes)

    def test_faults(self):
        token = self.token()
        self.sim.inject("5xx")
        with self.assertRaises(yz.ChannelTransientError):
            self.api(yz.API_SKUS_GET, {"sku_ids": ["1001"]}, token)
        self.sim.inject("throttle")
        with self.assertRaises(yz.ChannelRateLimited):
            self.api(yz.API_SKUS_GET, {"sku_ids": ["1001"]}, token)
        self.sim.inject("timeout")
        request = urllib.request.Request(self.sim.url + yz.api_path(yz.API_SKUS_GET, token), data=b"{}", method="POST")
        with self.assertRaises(OSError):  # socket timeout
            urllib.request.urlopen(request, timeout=0.2)
        data = self.api(yz.API_SKUS_GET, {"sku_ids": ["1002"]}, token)
        self.assertEqual(data, {"skus": [{"sku_id": "1002", "quantity": 100}]})

    def test_push_signed_redelivered_and_reordered(self):
        receiver = Receiver()
        self.addCleanup(receiver.stop)
        tids = [self.sim.create_order() for _i in range(5)]
        result = self.sim.push_all(receiver.url, tids, redeliver=3, shuffle=True)
        self.assertEqual((result["sent"], result["acked"]), (15, 15))
        self.assertEqual(len(receiver.received), 15)
        order = [json.loads(raw)["id"] for _h, raw in receiver.received]
        self.assertNotEqual(order, sorted(order, key=tids.index))  # reordered
        keys = set()
        for headers, raw in receiver.received:
            yz.verify_event_sign(self.sim.client_id, self.sim.client_secret, headers, raw)
            keys.update(m["key"] for m in yzt.parse_push(raw))
        self.assertEqual(len(keys), 5)

    def test_push_with_wrong_sign(self):
        receiver = Receiver()
        self.addCleanup(receiver.stop)
        tid = self.sim.create_order()
        self.sim.push(receiver.url, tid, sign=False)
        headers, raw = receiver.received[0]
        with self.assertRaises(yz.ChannelAuthError):
            yz.verify_event_sign(self.sim.client_id, self.sim.client_secret, headers, raw)

    def test_trades_name_their_buyers_youzan_account(self):
        receiver = Receiver()
        self.addCleanup(receiver.stop)
        default = self.sim.create_order([(1001, 1, 10.0)])
        other = self.sim.create_order([(1001, 1, 10.0)], buyer={"buyer_phone": "13900001111", "yz_open_id": "yzLi"})
        guest = self.sim.create_order([(1001, 1, 10.0)], buyer={"yz_open_id": None})
        self.sim.push_all(receiver.url, [default, other, guest], shuffle=False)
        buyers = {m["platform_order_id"]: m["order"]["buyer"] for _h, raw in receiver.received
                  for m in yzt.parse_push(raw)}  # fmt: skip
        self.assertEqual(
            buyers[default], {"name": "王小明", "phone": "13800138000", "open_id": open_id_of("13800138000")}
        )
        self.assertEqual((buyers[other]["phone"], buyers[other]["open_id"]), ("13900001111", "yzLi"))
        self.assertEqual(buyers[guest]["open_id"], "")

    def test_customer_push_is_signed_and_carries_the_customer(self):
        receiver = Receiver()
        self.addCleanup(receiver.stop)
        moment = datetime(2026, 11, 23, 6, 0, 0)
        status, _body = self.sim.push_customer(receiver.url, "yzLi", "13900001111", name="李娜", updated=moment)
        self.assertEqual(status, 200)
        headers, raw = receiver.received[0]
        yz.verify_event_sign(self.sim.client_id, self.sim.client_secret, headers, raw)
        body = json.loads(raw)
        self.assertEqual(
            (body["type"], body["status"], body["id"]), ("SCRM_CUSTOMER_EVENT", "CUSTOMER_UPDATED", "yzLi")
        )
        self.assertEqual(yzt.message_time(body), moment)
        customer = yzt.decode_msg(body["msg"])
        self.assertEqual(
            (customer["yz_open_id"], customer["mobile"], customer["name"], customer["update_time"]),
            ("yzLi", "13900001111", "李娜", "2026-11-23 14:00:00"),
        )
        # the trade parser leaves a customer message alone (the member glue reads it)
        self.assertEqual(yzt.parse_push(raw), [])

    def test_doctests(self):
        failures, tried = doctest.testmod(simulator_module)[:2]
        self.assertGreater(tried, 1)
        self.assertEqual(failures, 0)

    def test_control_api(self):
        status, raw = call(self.sim.url, "/_sim/orders", {"count": 2})
        self.assertEqual((status, len(json.loads(raw)["tids"])), (200, 2))
        status, raw = call(self.sim.url, "/_sim/faults", {"kind": "5xx", "count": 1})
        self.assertEqual(json.loads(raw)["pending"], 1)
        with urllib.request.urlopen(self.sim.url + "/_sim/stock", timeout=5) as answer:
            self.assertIn("1001", json.loads(answer.read())["skus"])


class TestTokenBucket(unittest.TestCase):
    def test_rate(self):
        now = [0.0]
        bucket = TokenBucket(2.0, clock=lambda: now[0])
        self.assertEqual([bucket.take() for _i in range(3)], [True, True, False])
        now[0] = 0.5
        self.assertEqual([bucket.take(), bucket.take()], [True, False])


class TestCommandLine(unittest.TestCase):
    def test_runs_alone_and_pushes(self):
        receiver = Receiver()
        self.addCleanup(receiver.stop)
        script = pathlib.Path(__file__).resolve().parent.parent / "lib" / "simulator.py"
        port = 18392
        process = subprocess.Popen(
            [sys.executable, str(script), "--port", str(port), "--skus", "3", "--orders", "2"]
            + ["--push-to", receiver.url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.addCleanup(process.wait)
        self.addCleanup(process.kill)
        for _i in range(100):
            if len(receiver.received) >= 2:
                break
            time.sleep(0.1)
        self.assertEqual(len(receiver.received), 2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_sim/stock", timeout=5) as answer:
            self.assertEqual(json.loads(answer.read())["skus"], {"1001": 100, "1002": 100, "1003": 100})
