# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, new_test_user

from ..lib import generic

SECRET = "test-channel-secret"


class _PlatformHandler(BaseHTTPRequestHandler):
    """A tiny platform: records stock pushes, answers with the status the test sets."""

    def do_POST(self):
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        server.calls.append({"path": self.path, "body": json.loads(body or b"{}"), "headers": dict(self.headers)})
        status = server.statuses.pop(0) if server.statuses else 200
        answer = b'{"results": []}' if status == 200 else b"{}"
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "2")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        return


class ChannelCommon(HttpCase):
    """A generic channel fulfilled by two stores, two mapped SKUs, a local platform server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), _PlatformHandler)
        cls.server.calls, cls.server.statuses = [], []
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        Store = cls.env["chain.store"]
        cls.store_a = Store.create({"name": "Channel Store A", "code": "CHN-A"})
        cls.store_b = Store.create({"name": "Channel Store B", "code": "CHN-B"})
        cls.store_c = Store.create({"name": "Channel Store C", "code": "CHN-C"})
        Product = cls.env["product.product"]
        cls.diapers = Product.create({"name": "Diapers M (test)", "is_storable": True, "list_price": 99.0})
        cls.wipes = Product.create({"name": "Wipes 80 (test)", "is_storable": True, "list_price": 19.0})
        cls.channel = cls.env["chain.channel"].create(
            {
                "name": "Mini Shop (test)",
                "platform": "generic",
                "api_url": f"http://127.0.0.1:{cls.server.server_address[1]}",
                "app_secret": SECRET,
                "store_ids": [Command.set([cls.store_a.id, cls.store_b.id])],
                "stock_share": 0.5,
                "stock_buffer": 1,
                "product_ids": [
                    Command.create({"sku": "SKU-D", "product_id": cls.diapers.id}),
                    Command.create({"sku": "SKU-W", "product_id": cls.wipes.id}),
                ],
            }
        )
        cls._put(cls.diapers, cls.store_b, 10)
        cls._put(cls.wipes, cls.store_b, 10)
        cls.staff_c = new_test_user(
            cls.env,
            login="chn_staff_c",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[Command.set(cls.store_c.ids)],
            chain_store_id=cls.store_c.id,
        )
        cls.staff_a = new_test_user(
            cls.env,
            login="chn_staff_a",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )

    @classmethod
    def _put(cls, product, store, qty):
        cls.env["stock.quant"]._update_available_quantity(product, store.warehouse_id.lot_stock_id, qty)

    def setUp(self):
        super().setUp()
        self.server.calls.clear()
        self.server.statuses.clear()
        # run the queued jobs at once, in the request (queue_job's documented switch)
        env_patch = patch.dict(os.environ, {"QUEUE_JOB__NO_DELAY": "1"})
        env_patch.start()
        self.addCleanup(env_patch.stop)

    def _body(self, order_id="T1", event="order_paid", lines=None, address=None, **extra):
        message = {
            "event": event,
            "order_id": order_id,
            "updated_at": extra.pop("updated_at", "2026-11-23T10:00:00"),
            "order": {
                "buyer": {"name": "Li Na", "phone": "13800000000"},
                "address": address
                if address is not None
                else {
                    "name": "Li Na",
                    "phone": "13800000000",
                    "province": "Shanghai",
                    "city": "Shanghai",
                    "district": "Pudong",
                    "street": "1 Century Ave",
                },
                "lines": lines if lines is not None else [{"sku": "SKU-D", "qty": 2, "price_unit": 89.0}],
            },
            **extra,
        }
        return json.dumps(message).encode()

    def _post(self, body, secret=SECRET, timestamp=None, signature=None):
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        headers = {
            "Content-Type": "application/json",
            "X-Chain-Timestamp": timestamp,
            "X-Chain-Signature": signature or generic.sign(secret, timestamp, body),
        }
        url = f"/chain_channel/{self.channel.id}/webhook"
        return self.url_open(url, data=body, headers=headers)

    def _messages(self):
        return self.env["chain.channel.message"].search([("channel_id", "=", self.channel.id)])

    def _orders(self, order_id="T1"):
        return self.env["sale.order"].search(
            [("chain_channel_id", "=", self.channel.id), ("chain_platform_order_id", "=", order_id)]
        )
