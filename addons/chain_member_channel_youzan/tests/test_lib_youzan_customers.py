"""The customer message parser, without a database."""

import doctest
import json
import unittest
from datetime import datetime
from urllib.parse import quote

from odoo.addons.chain_channel.lib.errors import ChannelPayloadError
from odoo.addons.chain_channel_youzan.lib.simulator import YouzanSimulator
from odoo.addons.chain_member_channel_youzan.lib import youzan_customers


class TestYouzanCustomers(unittest.TestCase):
    def test_doctests(self):
        failures, tried = doctest.testmod(youzan_customers)[:2]
        self.assertGreater(tried, 3)
        self.assertEqual(failures, 0)

    def test_the_simulators_customer_push(self):
        sim = YouzanSimulator()
        moment = datetime(2026, 11, 23, 6, 0, 0)
        for event in ("CUSTOMER_CREATED", "CUSTOMER_UPDATED"):
            _headers, raw = sim.customer_message("yzLi", "139 0000 1111", event=event, name="李娜", updated=moment)
            body = json.loads(raw)
            self.assertTrue(youzan_customers.is_customer_push(body))
            [message] = youzan_customers.parse_customer_push(body)
            self.assertEqual(
                message,
                {
                    "key": "customer:yzLi:1795413600000",
                    "event": "member_updated",
                    "platform_order_id": None,
                    "occurred_at": moment,
                    "member": {"open_id": "yzLi", "mobile": "139 0000 1111", "name": "李娜"},
                },
            )
        # the trade messages are not customer messages
        sim.add_sku("1001", 5)
        _headers, raw = sim.message(sim.create_order([("1001", 1, 10.0)]))
        self.assertFalse(youzan_customers.is_customer_push(json.loads(raw)))

    def test_a_message_without_open_id_or_mobile_still_parses(self):
        body = {"type": "SCRM_CUSTOMER_EVENT", "status": "CUSTOMER_CREATED", "msg": quote("{}"), "version": 1}
        [message] = youzan_customers.parse_customer_push(body)
        self.assertEqual(message["member"], {"open_id": "", "mobile": "", "name": ""})

    def test_unreadable_messages_raise_the_payload_error_only(self):
        good = {"yz_open_id": "yzLi", "mobile": "13900001111"}
        bodies = [
            {"type": "SCRM_CUSTOMER_EVENT", "status": "CUSTOMER_UPDATED", "msg": quote(json.dumps(good))},  # no version
            {"type": "SCRM_CUSTOMER_EVENT", "status": "CUSTOMER_UPDATED", "msg": "not json", "version": 1},
            {"type": "SCRM_CUSTOMER_EVENT", "status": "CUSTOMER_UPDATED", "msg": None, "version": 1},
            {
                "type": "SCRM_CUSTOMER_EVENT",
                "status": "CUSTOMER_UPDATED",
                "msg": quote(json.dumps({**good, "mobile": ["x"]})),
                "version": 1,
            },
            {
                "type": "SCRM_CUSTOMER_EVENT",
                "status": "CUSTOMER_UPDATED",
                "msg": quote(json.dumps({**good, "event_type": {"a": 1}})),
                "version": 1,
            },
            {
                "type": "SCRM_CUSTOMER_EVENT",
                "status": "CUSTOMER_UPDATED",
                "msg": quote(json.dumps(good)),
                "version": "yesterday",
            },
        ]
        for body in bodies:
            with self.assertRaises(ChannelPayloadError, msg=body):
                youzan_customers.parse_customer_push(body)
