"""A local SMS gateway speaking Odoo's IAP SMS protocol, for tests and demos.

Odoo's ``sms`` module sends through ``sms.api`` (``SmsApi._send_sms_batch``): a
JSON-RPC 2.0 ``call`` POSTed to ``<sms.endpoint>/api/sms/3/send`` whose params
are ``{"messages": [{"content": str, "numbers": [{"uuid": str, "number": str}]}],
"webhook_url": str, "dbuuid": str, "account_token": str}``; the answer's
``result`` is one ``{"uuid", "state", "credit"}`` per number, ``state`` being
``success`` or an error (``wrong_number_format``, ``insufficient_credit``...).
This server answers that call and keeps every message it accepted, so a test
(or a demo) reads the code a member would have received::

    simulator = SmsSimulator().start()
    env["ir.config_parameter"].set_param("sms.endpoint", simulator.url)
    ...
    code = simulator.last_code("+8613812345678")
    simulator.stop()

Run alone (``python3 sms_simulator.py --port 8070``) it prints each message. A browser tour
reads the member's last code at ``GET /outbox/last_code?number=<E.164>`` (``OUTBOX_PATH``),
as the member would read it on her phone; Odoo never calls that path.
"""

import argparse
import json
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEND_PATH = "/api/sms/3/send"
OUTBOX_PATH = "/outbox/last_code"  # GET ?number=<E.164>: {"code": "123456" | null}, for browser tours
_CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
_E164 = re.compile(r"^\+\d{8,15}$")


class SmsSimulator:
    """A real HTTP server on localhost recording the SMS Odoo sends through IAP."""

    def __init__(self, port=0, verbose=False):
        self.port = port
        self.verbose = verbose
        self.messages = []  # [{"number", "content", "uuid", "account_token", "time"}]
        self.requests = 0
        self.fail_next = None  # a state to answer for the next numbers (e.g. "server_error")
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    # -- life cycle -------------------------------------------------------------------
    def start(self):
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet: the messages carry codes
                pass

            def do_POST(self):
                simulator._handle(self)

            def do_GET(self):
                simulator._handle_outbox(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="sms-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self):
        """The value of ``sms.endpoint`` that points Odoo here."""
        return f"http://127.0.0.1:{self.port}"

    # -- what the tests read ----------------------------------------------------------
    def sent_to(self, number):
        with self._lock:
            return [message for message in self.messages if message["number"] == number]

    def last_code(self, number):
        """The six-digit code of the last message sent to ``number`` (E.164), or None."""
        for message in reversed(self.sent_to(number)):
            match = _CODE.search(message["content"])
            if match:
                return match[1]
        return None

    def clear(self):
        with self._lock:
            self.messages.clear()

    # -- the protocol -----------------------------------------------------------------
    def _handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        try:
            payload = json.loads(handler.rfile.read(length) or b"{}")
        except ValueError:
            self._reply(handler, 400, {"error": "invalid JSON"})
            return
        request_id = payload.get("id")
        if handler.path != SEND_PATH or payload.get("method") != "call":
            self._reply(handler, 200, self._error(request_id, "odoo.exceptions.UserError", "unknown endpoint"))
            return
        params = payload.get("params") or {}
        results = []
        with self._lock:
            self.requests += 1
            failure, self.fail_next = self.fail_next, None
            for message in params.get("messages") or []:
                for target in message.get("numbers") or []:
                    number = target.get("number") or ""
                    state = failure or ("success" if _E164.match(number) else "wrong_number_format")
                    if state == "success":
                        self.messages.append(
                            {
                                "number": number,
                                "content": message.get("content") or "",
                                "uuid": target.get("uuid"),
                                "account_token": params.get("account_token"),
                                "time": time.time(),
                            }
                        )
                        if self.verbose:
                            # run alone, a command-line tool: it reports on its standard output
                            sys.stdout.write(f"SMS to {number}: {message.get('content')}\n")
                            sys.stdout.flush()
                    results.append(
                        {"uuid": target.get("uuid"), "state": state, "credit": 1 if state == "success" else 0}
                    )
        self._reply(handler, 200, {"jsonrpc": "2.0", "id": request_id, "result": results})

    def _handle_outbox(self, handler):
        """The member's phone, for a browser tour: the last code sent to ``number`` (CORS open).

        Only this test gateway has it; Odoo never reads it back.
        """
        url = urllib.parse.urlsplit(handler.path)
        if url.path != OUTBOX_PATH:
            self._reply(handler, 404, {"error": "not found"})
            return
        number = (urllib.parse.parse_qs(url.query).get("number") or [""])[0]
        self._reply(handler, 200, {"code": self.last_code(number)}, cors=True)

    @staticmethod
    def _error(request_id, name, message):
        return {
            "jsonrpc": "2.0",
            "id": request_id,
            "error": {"code": 200, "message": message, "data": {"name": name, "message": message}},
        }

    @staticmethod
    def _reply(handler, status, body, cors=False):
        raw = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        if cors:
            handler.send_header("Access-Control-Allow-Origin", "*")
        handler.send_header("Content-Length", str(len(raw)))
        handler.end_headers()
        handler.wfile.write(raw)


def main(argv=None):
    parser = argparse.ArgumentParser(description="A local SMS gateway for Odoo's sms module (IAP protocol).")
    parser.add_argument("--port", type=int, default=8070)
    args = parser.parse_args(argv)
    simulator = SmsSimulator(port=args.port, verbose=True).start()
    sys.stdout.write(f"Set the system parameter sms.endpoint to {simulator.url}\n")
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        simulator.stop()


if __name__ == "__main__":
    main()
