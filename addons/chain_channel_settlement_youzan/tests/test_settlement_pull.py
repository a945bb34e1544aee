# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.chain_channel_settlement.tests.common import SettlementCommon

from ..lib.simulator import SettlementSimulator

START = datetime(2026, 11, 30, 16, 0)  # 2026-12-01 00:00 in Beijing
END = datetime(2026, 12, 1, 16, 0)


@tagged("post_install", "-at_install")
class TestSettlementPull(SettlementCommon):
    """Youzan's fund flow pulled from the local simulator (a real HTTP server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = SettlementSimulator("stl-client", "stl-secret", "46101", port=0, rate=50.0, fault_sleep=1.0).start()
        cls.addClassCleanup(cls.sim.stop)
        cls.sim.currency = cls.currency
        cls.channel.write(
            {
                "platform": "youzan",
                "api_url": cls.sim.url,
                "app_key": "stl-client",
                "app_secret": "stl-secret",
                "shop_ref": "46101",
                "youzan_timeout": 0.5,
            }
        )
        cls.orders = [cls._order(f"YZ-STL-{n}") for n in (1, 2)]
        moment = datetime(2026, 12, 1, 2, 0)
        for order in cls.orders:
            cls.sim.settle(order.chain_platform_order_id, 100.0, 5.0, when=moment)
        for _n in range(120):  # more than a page
            cls.sim.add_flow("", "平台补贴", 0.5, when=moment)
        cls.sim.add_flow("", "提现", -100.0, when=moment, remark="YZ-PAYOUT-1")
        cls.sim.add_flow("", "提现", -999.0, when=datetime(2026, 12, 3), remark="outside the window")

    def setUp(self):
        super().setUp()
        self.sim.faults.clear()

    def test_pull_pages_once(self):
        settlement = self.channel._chain_settlement_pull(START, END)
        self.assertEqual(settlement.source, "api")
        self.assertEqual(settlement.line_count, 2 * 2 + 120 + 1)
        self.assertEqual(settlement.unmatched_count, 0)
        for order in self.orders:
            self.assertEqual(order.invoice_ids.amount_residual, 0.0)
        balance = self.channel.chain_wallet_balance()[self.channel.id]
        self.assertAlmostEqual(balance["wallet"], 200 - 10 + 60 - 100)
        self.assertFalse(self.channel._chain_settlement_pull(START, END), "pulled again: nothing new")

    def test_expired_token_is_renewed(self):
        self.sim.inject("token")
        settlement = self.channel._chain_settlement_pull(START, END)
        self.assertEqual(settlement.line_count, 125)

    def test_platform_down_is_a_clear_error(self):
        self.sim.inject("5xx", count=5)
        with self.assertRaises(UserError):
            self.channel.action_chain_settlement_pull()
        self.assertFalse(self.env["chain.channel.settlement"].search([("channel_id", "=", self.channel.id)]))

    def test_generic_platform_has_no_api(self):
        self.channel.platform = "generic"
        with self.assertRaises(UserError):
            self.channel.action_chain_settlement_pull()
