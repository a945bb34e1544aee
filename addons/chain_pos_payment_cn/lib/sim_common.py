"""What the WeChat Pay and Alipay simulators share: the HTTP server, the scenarios, the ledger.

**Scenario = the last two digits of the payment code** (``auth_code``):

- ``00``-``49`` success at once;
- ``50`` user-paying for 2 queries, then success;
- ``51`` user-paying forever (a reverse/cancel closes it);
- ``52`` insufficient balance;
- ``53`` system error on pay, but charged (the query says paid);
- ``54`` network drop after charging: charged, the connection closed without an answer;
- ``55`` code already used / expired;
- ``56`` system error on pay and not charged (the query says not paid / no such trade);
- ``6X`` user-paying for X seconds of wall clock, then success.

A repeated pay of the same ``out_trade_no`` never charges again. The ledger:

- ``trades``: ``out_trade_no`` -> ``{"out_trade_no", "provider_ref", "amount_fen", "state",
  "auth_code", "created_at", "paid_at", "refunded_fen", "merchant"}``, ``state`` one of
  ``USERPAYING``, ``SUCCESS`` (charged, ``paid_at`` set), ``NOTPAY``, ``REVERSED`` (closed by
  a reverse/cancel; refunded if it had been paid), ``CLOSED``; :meth:`charged` lists those
  whose money was taken and kept;
- ``refunds``: ``out_refund_no`` -> ``{"out_refund_no", "out_trade_no", "refund_id",
  "amount_fen", "at"}``;
- ``extra_bill_rows`` (rows a test adds to the bill), ``hide_from_bill`` (out_trade_nos left
  out of it), ``qps_limit`` (calls per second answered by the frequency-limit error),
  ``tamper`` (answers signed, then altered: their signature no longer verifies).

Times are naive UTC (``datetime.utcnow()``, or ``clock()`` when a test sets it).
"""

import importlib
import itertools
import json
import os
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# outcomes of a pay, provider-neutral (each simulator maps them to its protocol)
PAID = "PAID"
PAYING = "PAYING"
NOTENOUGH = "NOTENOUGH"
SYSTEMERROR = "SYSTEMERROR"
DROP = "DROP"
CODE_INVALID = "CODE_INVALID"
ALREADY_PAID = "ALREADY_PAID"
ALREADY_CLOSED = "ALREADY_CLOSED"
NUMBER_USED = "NUMBER_USED"


def scenario(auth_code):
    """The scenario number of a payment code (its last two digits).

    >>> scenario("134567890123456750"), scenario("28123456789012345612")
    (50, 12)
    """
    return int(str(auth_code)[-2:]) if str(auth_code)[-2:].isdigit() else 0


class BaseSimulator:
    """A provider on ``http://127.0.0.1:<port>``: ``start()``, ``url``, ``stop()``."""

    name = "sim"
    ref_prefix = "42"

    def __init__(self, port=0):
        self.port = port
        self.lock = threading.RLock()
        self.trades = {}
        self.refunds = {}
        self.extra_bill_rows = []
        self.hide_from_bill = set()
        self.calls = []  # (api, outcome) in order
        self.qps_limit = None
        self.tamper = False
        self.clock = None
        self._window = (0, 0)  # (second, calls in it)
        self._ref = itertools.count(1)
        self._stamp = datetime.utcnow().strftime("%Y%m%d%H%M%S")
        self.server = None
        self.thread = None

    # ------------------------------------------------------------------ lifecycle
    def start(self):
        sim = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                return

            def do_GET(self):
                sim._serve(self, "GET")

            def do_POST(self):
                sim._serve(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name=f"{self.name}-sim")
        self.thread.start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def now(self):
        return self.clock() if self.clock else datetime.utcnow().replace(microsecond=0)

    def reset(self):
        """Forget every trade, refund, bill row and fault (between tests)."""
        with self.lock:
            self.trades.clear()
            self.refunds.clear()
            self.extra_bill_rows.clear()
            self.hide_from_bill.clear()
            self.calls.clear()
            self.qps_limit = None
            self.tamper = False

    def charged(self):
        """The trades whose money was taken and kept (``SUCCESS``), by out_trade_no."""
        with self.lock:
            return {no: dict(trade) for no, trade in self.trades.items() if trade["state"] == "SUCCESS"}

    def _serve(self, handler, verb):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        answer = self.handle(verb, handler.path, body)
        if answer is None:  # network drop: close without a word
            handler.close_connection = True
            return
        status, content_type, payload = answer
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def handle(self, verb, path, body):
        """``(status, content type, bytes)`` of one request, or None to drop the connection."""
        raise NotImplementedError

    def _throttled(self):
        if not self.qps_limit:
            return False
        with self.lock:
            second = int(time.monotonic())
            start, count = self._window
            count = count + 1 if start == second else 1
            self._window = (second, count)
            return count > self.qps_limit

    # ------------------------------------------------------------------ the ledger
    def _new_ref(self):
        return f"{self.ref_prefix}{self._stamp}{next(self._ref):010d}"

    def pay(self, out_trade_no, amount_fen, auth_code, merchant=""):
        """Provider-neutral pay: ``(outcome, trade or None)`` (outcomes above)."""
        with self.lock:
            trade = self.trades.get(out_trade_no)
            if trade:
                if trade["amount_fen"] != amount_fen or trade["auth_code"] != auth_code:
                    return NUMBER_USED, trade
                self._advance(trade)
                if trade["state"] == "SUCCESS":
                    return ALREADY_PAID, trade
                if trade["state"] in ("REVERSED", "CLOSED"):
                    return ALREADY_CLOSED, trade
                if trade["state"] == "USERPAYING":
                    return PAYING, trade
                return SYSTEMERROR, trade
            number = scenario(auth_code)
            if number in (52, 55):
                return (NOTENOUGH if number == 52 else CODE_INVALID), None
            trade = {
                "out_trade_no": out_trade_no,
                "provider_ref": self._new_ref(),
                "amount_fen": int(amount_fen),
                "state": "USERPAYING",
                "auth_code": auth_code,
                "created_at": self.now(),
                "paid_at": None,
                "refunded_fen": 0,
                "merchant": merchant,
                "_scenario": number,
                "_queries": 0,
                "_paid_after": time.monotonic() + (number - 60 if 60 <= number <= 69 else 0),
            }
            self.trades[out_trade_no] = trade
            if number < 50 or number in (53, 54):
                self._charge(trade)
                return {53: SYSTEMERROR, 54: DROP}.get(number, PAID), trade
            if number == 56:
                trade["state"] = "NOTPAY"
                return SYSTEMERROR, trade
            return PAYING, trade

    def _charge(self, trade):
        trade["state"] = "SUCCESS"
        trade["paid_at"] = self.now()

    def _advance(self, trade, query=False):
        """A user-paying trade moves on: scenario 50 after 2 queries, 6X after X seconds."""
        if trade["state"] != "USERPAYING":
            return
        number = trade["_scenario"]
        if number == 50 and query:
            trade["_queries"] += 1
            if trade["_queries"] > 2:
                self._charge(trade)
        elif 60 <= number <= 69 and time.monotonic() >= trade["_paid_after"]:
            self._charge(trade)

    def query(self, out_trade_no):
        """The trade (a copy) after this query moved it on, or None."""
        with self.lock:
            trade = self.trades.get(out_trade_no)
            if trade is None:
                return None
            self._advance(trade, query=True)
            return dict(trade)

    def reverse(self, out_trade_no):
        """Close the trade whatever its state (its money goes back if it was paid); an
        unknown number is closed too, so that a late pay of it is refused. The trade."""
        with self.lock:
            trade = self.trades.get(out_trade_no)
            if trade is None:
                trade = self.trades[out_trade_no] = {
                    "out_trade_no": out_trade_no,
                    "provider_ref": "",
                    "amount_fen": 0,
                    "state": "CLOSED",
                    "auth_code": "",
                    "created_at": self.now(),
                    "paid_at": None,
                    "refunded_fen": 0,
                    "merchant": "",
                    "_scenario": 0,
                    "_queries": 0,
                    "_paid_after": 0,
                }
                return dict(trade)
            self._advance(trade)
            trade["state"] = "REVERSED"
            return dict(trade)

    def refund(self, out_trade_no, out_refund_no, amount_fen):
        """``(outcome, refund or None)``: ``SUCCESS`` (also for a repeat of the same refund
        number), ``NOTEXIST``, ``NOT_PAID``, ``TOO_MUCH``, ``NUMBER_USED``."""
        with self.lock:
            known = self.refunds.get(out_refund_no)
            if known:
                if known["out_trade_no"] != out_trade_no or known["amount_fen"] != amount_fen:
                    return "NUMBER_USED", known
                return "SUCCESS", dict(known)
            trade = self.trades.get(out_trade_no)
            if trade is None:
                return "NOTEXIST", None
            if trade["state"] != "SUCCESS":
                return "NOT_PAID", None
            if trade["refunded_fen"] + amount_fen > trade["amount_fen"]:
                return "TOO_MUCH", None
            trade["refunded_fen"] += amount_fen
            refund = self.refunds[out_refund_no] = {
                "out_refund_no": out_refund_no,
                "out_trade_no": out_trade_no,
                "provider_ref": trade["provider_ref"],
                "refund_id": "50" + self._new_ref()[2:],
                "amount_fen": int(amount_fen),
                "at": self.now(),
            }
            return "SUCCESS", dict(refund)

    # ------------------------------------------------------------------ bills
    def bill(self, bill_date):
        """The day's bill (text or bytes) built by ``lib/sim_bill.py`` from the ledger, or
        None while that module does not exist. ``bill_date``: a ``date``."""
        try:
            sim_bill = importlib.import_module(f"{__package__}.sim_bill") if __package__ else None
        except ImportError:
            sim_bill = None
        if sim_bill is None:
            try:
                sim_bill = importlib.import_module("sim_bill")
            except ImportError:
                return None
        builder = getattr(sim_bill, f"{self.name}_bill", None) or getattr(sim_bill, "build_bill", None)
        if builder is None:
            return None
        with self.lock:
            return builder(self, bill_date)


def keys_file(path, make):
    """The simulator's keys kept in ``path`` (JSON) across runs, made by ``make()`` the first time."""
    if path and os.path.exists(path):
        with open(path) as stream:
            return json.load(stream)
    keys = make()
    if path:
        with open(path, "w") as stream:
            json.dump(keys, stream, indent=2)
        os.chmod(path, 0o600)
    return keys
