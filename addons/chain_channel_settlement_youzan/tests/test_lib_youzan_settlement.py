# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import unittest
from decimal import Decimal

from odoo.addons.chain_channel.lib.errors import ChannelPayloadError
from odoo.addons.chain_channel_settlement_youzan.lib import youzan_settlement as yzs


class TestLibYouzanSettlement(unittest.TestCase):
    def test_doctests(self):
        failures, _tests = doctest.testmod(yzs)
        self.assertEqual(failures, 0)

    def test_page(self):
        data = {
            "total_results": 3,
            "list": [
                {"flow_no": "F1", "tid": "E1", "biz_type": "平台佣金", "in_amount": "0", "out_amount": "4.95"},
                {"flow_no": "F2", "tid": "", "biz_type": "提现", "out_amount": "100", "remark": "PO-1"},
            ],
        }
        lines, more = yzs.parse_flow_page(data, 1, 2)
        self.assertTrue(more)
        self.assertEqual(
            [(x["key"], x["kind"], x["amount"], x["reference"]) for x in lines],
            [("yz:F1", "commission", Decimal("-4.95"), ""), ("yz:F2", "payout", Decimal("-100.00"), "PO-1")],
        )

    def test_malformed(self):
        for data in (None, {"list": "x"}, {"list": [{"tid": "E1"}]}, {"list": [], "total_results": "x"}):
            with self.assertRaises(ChannelPayloadError):
                yzs.parse_flow_page(data, 1, 100)
