# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase

from ..lib.simulator import YouzanSimulator

CLIENT_ID = "yz-test-client"
CLIENT_SECRET = "yz-test-secret"
KDT_ID = "46001"


class YouzanCommon(HttpCase):
    """A Youzan channel on a local simulator (a real HTTP server on a free port).

    HttpCase, not TransactionCase: Odoo's test mode makes the adapter's own cursor (the stock
    update log) and the webhook's requests share the test transaction.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = YouzanSimulator(CLIENT_ID, CLIENT_SECRET, KDT_ID, port=0, rate=5.0, fault_sleep=1.5).start()
        cls.addClassCleanup(cls.sim.stop)
        for index in range(12):
            cls.sim.add_sku(36001 + index, 100, item_id=5500 + index // 4)
        cls.channel = cls.env["chain.channel"].create(cls._channel_vals())
        cls.adapter = cls.channel._adapter()

    @classmethod
    def _channel_vals(cls):
        return {
            "name": "Youzan Test Shop",
            "platform": "youzan",
            "api_url": cls.sim.url,
            "app_key": CLIENT_ID,
            "app_secret": CLIENT_SECRET,
            "shop_ref": KDT_ID,
            "youzan_timeout": 0.5,
        }

    def setUp(self):
        super().setUp()
        self.sim.faults.clear()
        self.sim.buckets.clear()
