import requests

from odoo.tests import BaseCase

from ..lib.sms_simulator import OUTBOX_PATH, SEND_PATH, SmsSimulator


class TestSmsSimulator(BaseCase):
    """The simulator answers Odoo's IAP SMS call as the real gateway does."""

    def test_protocol(self):
        simulator = SmsSimulator().start()
        self.addCleanup(simulator.stop)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": "1",
            "params": {
                "messages": [
                    {"content": "123456 is your code", "numbers": [{"uuid": "u1", "number": "+8613812345678"}]},
                    {"content": "hello", "numbers": [{"uuid": "u2", "number": "12"}]},
                ],
                "account_token": "t",
            },
        }
        response = requests.post(simulator.url + SEND_PATH, json=payload, timeout=10).json()
        self.assertEqual(
            response["result"],
            [
                {"uuid": "u1", "state": "success", "credit": 1},
                {"uuid": "u2", "state": "wrong_number_format", "credit": 0},
            ],
        )
        self.assertEqual(simulator.last_code("+8613812345678"), "123456")
        # the member's phone, as a browser tour reads it
        outbox = requests.get(simulator.url + OUTBOX_PATH, params={"number": "+8613812345678"}, timeout=10)
        self.assertEqual((outbox.json(), outbox.headers["Access-Control-Allow-Origin"]), ({"code": "123456"}, "*"))
        nobody = requests.get(simulator.url + OUTBOX_PATH, params={"number": "+8613900000000"}, timeout=10)
        self.assertEqual(nobody.json(), {"code": None})
        simulator.fail_next = "server_error"
        response = requests.post(simulator.url + SEND_PATH, json=payload, timeout=10).json()
        self.assertEqual({row["state"] for row in response["result"]}, {"server_error"})
        self.assertEqual(len(simulator.sent_to("+8613812345678")), 1)
