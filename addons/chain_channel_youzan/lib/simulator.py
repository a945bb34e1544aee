"""A local Youzan open platform for tests, benchmarks and demos (standard library only).

It holds one shop (SKUs with quantities, trades) and serves, over real HTTP:

- ``POST /auth/token`` (silent token of a self-used app);
- ``POST /api/youzan.trades.sold.get/4.0.0`` (trades by update window, paged),
  ``/api/youzan.trade.get/4.0.0``, ``/api/youzan.skus.update/3.0.0`` (absolute or incremental
  quantities), ``/api/youzan.skus.get/3.0.0``, each checking ``access_token`` and paced by a
  token bucket per API at ``rate`` calls per second (over it: HTTP 200 with the rate-limit code);
- a control API: ``POST /_sim/orders`` ``{"count": n}``, ``POST /_sim/push``
  ``{"url": ..., "redeliver": 3, "shuffle": true}``, ``POST /_sim/faults``
  ``{"kind": "timeout"|"5xx"|"throttle"|"token", "count": n, "after": m}``, ``GET /_sim/stock``.

The same is available as Python methods (``create_order``, ``push``, ``push_all``,
``inject``, ``stock_updates``, ``push_customer``...). Push messages carry the real ``Event-Sign``;
trades name their buyer's Youzan account (``buyer_info.yz_open_id``).

Run alone: ``python3 simulator.py --port 18390 --push-to URL --orders N``.
"""

import argparse
import concurrent.futures
import hashlib
import itertools
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

BEIJING = timedelta(hours=8)
FMT = "%Y-%m-%d %H:%M:%S"
# the SKUs the simulator sells when run alone (``main``, as ``scripts/run --with-simulator`` does):
# those the demo Youzan shop maps (chain_demo's demo/chain_channel_youzan_demo.xml), so that every
# demo order becomes a sale order, none waits in Needs Attention for an unknown SKU
DEMO_SKUS = ("1001", "1002", "1003", "1004", "1005", "1006")
RATE_LIMIT_CODE = 4004
TOKEN_INVALID_CODE = 4203
STATUS_OF_TYPE = {
    "trade_TradeCreate": "WAIT_BUYER_PAY",
    "trade_TradePaid": "WAIT_SELLER_SEND_GOODS",
    "trade_TradeBuyerPay": "WAIT_SELLER_SEND_GOODS",
    "trade_TradeClose": "TRADE_CLOSED",
    "trade_TradeSellerShip": "WAIT_BUYER_CONFIRM_GOODS",
    "trade_TradeSuccess": "TRADE_SUCCESS",
}
CUSTOMER_TYPE = "SCRM_CUSTOMER_EVENT"  # Youzan's customer (客户) messages


def open_id_of(mobile):
    """The simulated ``yz_open_id`` of the buyer with ``mobile`` (Youzan's are opaque ids).

    >>> open_id_of("13800138000")
    'yzsim7945bd83237335e5376ff44d62e4f0ae'
    """
    return "yzsim" + hashlib.md5(str(mobile).encode()).hexdigest()


# the buyer of a trade unless told: the buyer_info of Youzan's trade.get 4.0
DEFAULT_BUYER = {"buyer_name": "王小明", "buyer_phone": "13800138000", "yz_open_id": open_id_of("13800138000")}


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` saved; ``take()`` is False when empty."""

    def __init__(self, rate, capacity=None, clock=time.monotonic):
        self.rate = float(rate)
        self.capacity = float(capacity or max(1.0, rate))
        self.tokens = self.capacity
        self.clock = clock
        self.stamp = clock()
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            now = self.clock()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1.0:
                self.tokens -= 1.0
                return True
            return False


def event_sign(client_id, raw, client_secret):
    return hashlib.md5(client_id.encode() + raw + client_secret.encode()).hexdigest()


class YouzanSimulator:
    """One Youzan shop on ``http://127.0.0.1:<port>``; ``start()`` then ``url``; ``stop()``."""

    def __init__(self, client_id="sim-client", client_secret="sim-secret", kdt_id="18390", port=0,
                 rate=10.0, fault_sleep=3.0, seed=7):  # fmt: skip
        self.client_id = client_id
        self.client_secret = client_secret
        self.kdt_id = str(kdt_id)
        self.port = port
        self.rate = rate
        self.fault_sleep = fault_sleep
        self.rng = random.Random(seed)
        self.lock = threading.RLock()
        self.skus = {}  # sku_id -> {"item_id", "quantity", "outer_sku_id", "price"}
        self.trades = {}  # tid -> full_order_info
        self.tokens = {}  # access_token -> expiry (epoch seconds)
        self.updates = []  # stock updates received: {"at", "sku_id", "quantity", "type", "result"}
        self.calls = []  # (api name, answer code)
        self.faults = []  # pending faults, consumed by the next API calls
        self.buckets = {}
        self._tid = itertools.count(1)
        # a trade id is unique across simulator runs too (a database keeps the orders of the last run)
        self._tid_prefix = f"E{datetime.utcnow():%Y%m%d%H%M%S}"
        self._stopping = threading.Event()
        self.server = None
        self.thread = None
        self.clock = None  # a callable returning naive UTC now, for tests; None = real time

    # ------------------------------------------------------------------ lifecycle
    def start(self):
        sim = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                return

            def do_GET(self):
                sim._dispatch(self, "GET")

            def do_POST(self):
                sim._dispatch(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="youzan-sim")
        self.thread.start()
        return self

    def stop(self):
        self._stopping.set()
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def now(self):
        return self.clock() if self.clock else datetime.utcnow().replace(microsecond=0)

    # ------------------------------------------------------------------ shop
    def add_sku(self, sku_id, quantity=0, item_id=None, outer_sku_id=None, price=10.0):
        with self.lock:
            self.skus[str(sku_id)] = {
                "item_id": str(item_id or sku_id),
                "quantity": int(quantity),
                "outer_sku_id": outer_sku_id or f"OUT-{sku_id}",
                "price": float(price),
            }

    def create_order(self, lines=None, status="WAIT_SELLER_SEND_GOODS", updated=None, tid=None, buyer=None):
        """A trade of ``lines`` [(sku_id, qty, unit price)] (random SKUs if None); its tid.
        ``buyer``: ``buyer_info`` keys replacing those of ``DEFAULT_BUYER`` (None drops one)."""
        with self.lock:
            if not lines:
                pool = list(self.skus) or ["1001"]
                lines = [(s, self.rng.randint(1, 3), None) for s in self.rng.sample(pool, min(len(pool), self.rng.choice((2, 2, 3, 3))))]  # noqa: E501 # fmt: skip
            tid = tid or f"{self._tid_prefix}{next(self._tid):06d}{self.rng.randint(100, 999)}"
            moment = updated or self.now()
            orders = []
            total = 0.0
            for index, (sku_id, qty, price) in enumerate(lines):
                sku = self.skus.get(str(sku_id), {"item_id": str(sku_id), "outer_sku_id": "", "price": 10.0})
                price = float(price if price is not None else sku["price"])
                total += price * qty
                orders.append({"oid": f"{tid}{index + 1:02d}", "item_id": sku["item_id"], "sku_id": str(sku_id),
                               "outer_sku_id": sku["outer_sku_id"], "num": qty, "price": f"{price:.2f}",
                               "payment": f"{price * qty:.2f}", "title": f"SKU {sku_id}"})  # fmt: skip
            stamp = (moment + BEIJING).strftime(FMT)
            self.trades[tid] = {
                "order_info": {"tid": tid, "status": status, "created": stamp, "update_time": stamp},
                "buyer_info": {k: v for k, v in {**DEFAULT_BUYER, **(buyer or {})}.items() if v is not None},
                "address_info": {
                    "receiver_name": "王小明",
                    "receiver_tel": "13800138000",
                    "delivery_province": "上海市",
                    "delivery_city": "上海市",
                    "delivery_district": "浦东新区",
                    "delivery_address": "世纪大道100号",
                    "delivery_postal_code": "200120",
                },
                "pay_info": {"payment": f"{total:.2f}", "post_fee": "0.00", "total_fee": f"{total:.2f}"},
                "remark_info": {"buyer_message": ""},
                "orders": orders,
            }
            return tid

    def set_status(self, tid, status, updated=None):
        with self.lock:
            info = self.trades[tid]["order_info"]
            info["status"] = status
            info["update_time"] = ((updated or self.now()) + BEIJING).strftime(FMT)

    def version_of(self, tid):
        text = self.trades[tid]["order_info"]["update_time"]
        moment = datetime.strptime(text, FMT) - BEIJING
        return int((moment - datetime(1970, 1, 1)).total_seconds() * 1000)

    # ------------------------------------------------------------------ push
    def message(self, tid, kind="trade_TradePaid", sign=True, body_override=None):
        """``(headers, raw body)`` of the push of ``tid``'s current state as ``kind``."""
        with self.lock:
            trade = {"full_order_info": json.loads(json.dumps(self.trades[tid]))}
            body = {"client_id": self.client_id, "id": tid, "kdt_id": int(self.kdt_id) if self.kdt_id.isdigit() else 0,
                    "kdt_name": "Chain 旗舰店", "mode": 1, "msg": quote(json.dumps(trade, ensure_ascii=False)),
                    "sendCount": 0, "status": self.trades[tid]["order_info"]["status"], "test": False,
                    "type": kind, "version": self.version_of(tid)}  # fmt: skip
        return self.signed(kind, body if body_override is None else body_override, sign)

    def customer_message(self, yz_open_id, mobile, event="CUSTOMER_UPDATED", name="", updated=None, sign=True):
        """``(headers, raw body)`` of a customer push: ``event`` ``CUSTOMER_CREATED`` or
        ``CUSTOMER_UPDATED`` (e.g. a mobile bound); ``msg`` the URL-encoded customer JSON."""
        moment = updated or self.now()
        kdt_id = int(self.kdt_id) if self.kdt_id.isdigit() else 0
        customer = {"event_type": event, "kdt_id": kdt_id, "yz_open_id": yz_open_id, "mobile": mobile,
                    "name": name, "update_time": (moment + BEIJING).strftime(FMT)}  # fmt: skip
        body = {"client_id": self.client_id, "id": yz_open_id, "kdt_id": kdt_id, "kdt_name": "Chain 旗舰店", "mode": 1,
                "msg": quote(json.dumps(customer, ensure_ascii=False)), "sendCount": 0, "status": event,
                "test": False, "type": CUSTOMER_TYPE,
                "version": int((moment - datetime(1970, 1, 1)).total_seconds() * 1000)}  # fmt: skip
        return self.signed(CUSTOMER_TYPE, body, sign)

    def push_customer(self, url, yz_open_id, mobile, **kwargs):
        """Deliver one customer message (``customer_message``); ``(HTTP status, body)``."""
        return self.deliver(url, *self.customer_message(yz_open_id, mobile, **kwargs))

    def signed(self, kind, body, sign=True):
        """``(headers, raw body)`` of a push of ``body`` (a dict, or bytes as they are)."""
        raw = json.dumps(body, ensure_ascii=False).encode() if not isinstance(body, bytes) else body
        secret = self.client_secret if sign else "wrong-secret"
        headers = {"Content-Type": "application/json", "Client-Id": self.client_id, "Event-Type": kind,
                   "Event-Sign": event_sign(self.client_id, raw, secret)}  # fmt: skip
        return headers, raw

    @staticmethod
    def deliver(url, headers, raw, timeout=10.0):
        """POST one push; ``(HTTP status, body bytes)`` (status 0 when unreachable)."""
        request = urllib.request.Request(url, data=raw, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (urllib.error.URLError, OSError) as error:
            return 0, str(error).encode()

    def push(self, url, tid, kind="trade_TradePaid", times=1, **kwargs):
        """Deliver the message of ``tid`` ``times`` times; the list of (status, body)."""
        headers, raw = self.message(tid, kind, **kwargs)
        return [self.deliver(url, headers, raw) for _i in range(times)]

    def push_all(self, url, tids=None, kind="trade_TradePaid", redeliver=1, shuffle=True, workers=4):
        """Deliver every trade's message ``redeliver`` times, shuffled across trades, by
        ``workers`` threads; counts of answers by HTTP status and of acknowledged deliveries."""
        tids = list(self.trades) if tids is None else list(tids)
        messages = [self.message(tid, kind) for tid in tids]
        plan = [m for m in messages for _i in range(redeliver)]
        if shuffle:
            self.rng.shuffle(plan)
        counts = {}
        acked = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            for status, body in pool.map(lambda m: self.deliver(url, *m), plan):
                counts[status] = counts.get(status, 0) + 1
                acked += status == 200 and body.replace(b" ", b"").startswith(b'{"code":0')
        return {"by_status": counts, "acked": acked, "sent": len(plan)}

    # ------------------------------------------------------------------ faults
    def inject(self, kind, count=1, after=0):
        """Make ``count`` API calls fail with ``kind`` (timeout, 5xx, throttle, token), once
        ``after`` calls have answered normally."""
        assert kind in ("timeout", "5xx", "throttle", "token"), kind
        with self.lock:
            self.faults.extend([None] * after + [kind] * count)

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def stock_updates(self, since=0.0):
        """Stock updates received after epoch ``since``: dicts with ``at`` (epoch seconds)."""
        with self.lock:
            return [u for u in self.updates if u["at"] >= since]

    def quantity(self, sku_id):
        with self.lock:
            return self.skus[str(sku_id)]["quantity"]

    # ------------------------------------------------------------------ HTTP
    def _dispatch(self, handler, method):
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        if parts.path.startswith("/_sim/"):
            status, answer = self._control(method, parts.path[6:], body or {})
        elif parts.path == "/auth/token" and method == "POST":
            status, answer = self._token(body)
        elif parts.path.startswith("/api/") and method == "POST":
            status, answer = self._api(parts.path[5:], parse_qs(parts.query).get("access_token", [""])[0], body)
        else:
            status, answer = 404, {"success": False, "code": 404, "message": "not found"}
        if status is None:  # timeout fault: the client gave up already
            return
        data = json.dumps(answer, ensure_ascii=False).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json;charset=UTF-8")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:
            return

    def _token(self, body):
        body = body or {}
        if (body.get("client_id"), body.get("client_secret")) != (self.client_id, self.client_secret) or str(
            body.get("grant_id")
        ) != self.kdt_id:
            return 200, {"success": False, "code": 4001, "message": "client_id or client_secret or grant_id invalid"}
        token = f"tok-{self.rng.getrandbits(64):016x}"
        expires = time.time() + 7 * 86400
        with self.lock:
            self.tokens[token] = expires
        data = {"access_token": token, "expires": int(expires * 1000), "scope": "trade item"}
        data["authority_id"] = self.kdt_id
        return 200, {"success": True, "code": 200, "data": data}

    def _api(self, path, token, body):
        name = path.split("/")[0]
        with self.lock:
            fault = self.faults.pop(0) if self.faults else None
            valid = self.tokens.get(token, 0) > time.time()
            bucket = self.buckets.setdefault(name, TokenBucket(self.rate))
        if fault == "timeout":
            self._stopping.wait(self.fault_sleep)
            return None, None
        if fault == "5xx":
            return 503, {"success": False, "code": 503, "message": "service unavailable"}
        if fault == "token":
            valid = False
        if not valid:
            return 200, {"success": False, "code": TOKEN_INVALID_CODE, "message": "access_token invalid or expired"}
        if fault == "throttle" or not bucket.take():
            self.calls.append((name, RATE_LIMIT_CODE))
            return 200, {"success": False, "code": RATE_LIMIT_CODE, "message": "调用频率超限 (rate limit exceeded)"}
        if not isinstance(body, dict):
            return 200, {"success": False, "code": 4000, "message": "invalid JSON body"}
        handler = {
            "youzan.trades.sold.get": self._trades_sold,
            "youzan.trade.get": self._trade_get,
            "youzan.skus.update": self._skus_update,
            "youzan.skus.get": self._skus_get,
        }.get(name)
        if handler is None:
            return 200, {"success": False, "code": 4040, "message": f"unknown api {name}"}
        try:
            data = handler(body)
        except (KeyError, ValueError, TypeError) as error:
            return 200, {"success": False, "code": 4000, "message": f"invalid parameter: {error}"}
        self.calls.append((name, 200))
        return 200, {"success": True, "code": 200, "data": data}

    def _trades_sold(self, body):
        start, end = body["start_update"], body["end_update"]
        page_no, page_size = int(body.get("page_no", 1)), int(body.get("page_size", 20))
        if page_no < 1 or not 1 <= page_size <= 100:
            raise ValueError("page_no >= 1, 1 <= page_size <= 100")
        with self.lock:
            rows = sorted(
                (t for t in self.trades.values() if start <= t["order_info"]["update_time"] < end),
                key=lambda t: (t["order_info"]["update_time"], t["order_info"]["tid"]),
            )
            page = rows[(page_no - 1) * page_size : page_no * page_size]
            return {"total_results": len(rows),
                    "full_order_info_list": [{"full_order_info": json.loads(json.dumps(t))} for t in page]}  # fmt: skip

    def _trade_get(self, body):
        with self.lock:
            return {"full_order_info": json.loads(json.dumps(self.trades[body["tid"]]))}

    def _skus_update(self, body):
        results = []
        at = time.time()
        with self.lock:
            for row in body["sku_list"]:
                sku_id, qty, kind = str(row["sku_id"]), int(row["quantity"]), int(row.get("type", 0))
                sku = self.skus.get(sku_id)
                if sku is None:
                    results.append({"sku_id": sku_id, "is_success": False, "message": "sku not found"})
                    continue
                new = qty if kind == 0 else sku["quantity"] + qty
                if new < 0:
                    results.append({"sku_id": sku_id, "is_success": False, "message": "quantity below zero"})
                    continue
                sku["quantity"] = new
                self.updates.append({"at": at, "sku_id": sku_id, "quantity": qty, "type": kind, "result": new})
                results.append({"sku_id": sku_id, "is_success": True, "quantity": new})
        return {"results": results}

    def _skus_get(self, body):
        with self.lock:
            ids = [str(s) for s in body["sku_ids"]]
            return {"skus": [{"sku_id": s, "quantity": self.skus[s]["quantity"]} for s in ids if s in self.skus]}

    def _control(self, method, action, body):
        if action == "orders" and method == "POST":
            tids = [self.create_order() for _i in range(int(body.get("count", 1)))]
            return 200, {"tids": tids}
        if action == "push" and method == "POST":
            result = self.push_all(body["url"], body.get("tids"), body.get("type", "trade_TradePaid"),
                                   int(body.get("redeliver", 1)), bool(body.get("shuffle", True)))  # fmt: skip
            return 200, result
        if action == "faults" and method == "POST":
            self.inject(body["kind"], int(body.get("count", 1)), int(body.get("after", 0)))
            return 200, {"pending": len(self.faults)}
        if action == "stock" and method == "GET":
            with self.lock:
                return 200, {"skus": {k: v["quantity"] for k, v in self.skus.items()}, "updates": self.updates[-1000:]}
        return 404, {"error": f"unknown control {method} {action}"}


def catalogue(count):
    """The SKU ids a simulator run alone sells: ``count`` of them from 1001 on.

    >>> catalogue(3)
    ['1001', '1002', '1003']
    """
    return [str(1001 + index) for index in range(count)]


def parse_args(argv=None):
    """The options of a simulator run alone (``main``)."""
    parser = argparse.ArgumentParser(description="Local Youzan open-platform simulator")
    parser.add_argument("--port", type=int, default=18390)
    parser.add_argument("--client-id", default="sim-client")
    parser.add_argument("--client-secret", default="sim-secret")
    parser.add_argument("--kdt-id", default="18390")
    parser.add_argument(
        "--skus", type=int, default=len(DEMO_SKUS), help="SKUs 1001.. with 100 each (default: the demo shop's)"
    )
    parser.add_argument("--orders", type=int, default=0)
    parser.add_argument("--push-to", help="webhook URL the orders are pushed to")
    parser.add_argument("--redeliver", type=int, default=1)
    parser.add_argument(
        "--trickle", type=float, default=0.0, help="with --push-to: a new paid order every this many seconds"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    sim = YouzanSimulator(args.client_id, args.client_secret, args.kdt_id, args.port)
    for sku_id in catalogue(args.skus):
        sim.add_sku(sku_id, 100)
    sim.start()
    say = sys.stdout.write  # a command-line tool: it reports on its standard output
    say(f"Youzan simulator on {sim.url} (client_id {sim.client_id}, kdt_id {sim.kdt_id})\n")
    sys.stdout.flush()
    for _i in range(args.orders):
        sim.create_order()
    if args.push_to and args.orders:
        say(json.dumps(sim.push_all(args.push_to, redeliver=args.redeliver)) + "\n")
        sys.stdout.flush()
    try:
        while True:
            if args.push_to and args.trickle > 0:
                time.sleep(args.trickle)
                tid = sim.create_order()
                try:
                    answers = sim.push(args.push_to, tid)
                except OSError as error:  # Odoo not up yet, or restarting: the order waits for a pull
                    answers = [("unreachable", str(error))]
                say(f"order {tid} pushed: {answers[0][0]}\n")
                sys.stdout.flush()
            else:
                time.sleep(3600)
    except KeyboardInterrupt:
        sim.stop()


if __name__ == "__main__":
    main()
