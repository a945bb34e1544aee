# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
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
    def _store_with_two_skus(cls, code, label, skus=("36001", "36002"), qty=20, **channel_vals):
        """A store fulfilling the channel, diapers and formula mapped to ``skus``, ``qty`` of each."""
        cls.store = cls.env["chain.store"].create({"name": f"Youzan Store ({label})", "code": code})
        Product = cls.env["product.product"]
        cls.diapers = Product.create({"name": f"Diapers ({label})", "is_storable": True, "list_price": 99.0})
        cls.formula = Product.create({"name": f"Formula ({label})", "is_storable": True, "list_price": 50.0})
        cls.channel.write(
            {
                **channel_vals,
                "store_ids": [Command.set(cls.store.ids)],
                "product_ids": [
                    Command.create({"sku": sku, "product_id": product.id})
                    for sku, product in zip(skus, (cls.diapers, cls.formula), strict=True)
                ],
            }
        )
        location = cls.store.warehouse_id.lot_stock_id
        for product in (cls.diapers, cls.formula):
            cls.env["stock.quant"]._update_available_quantity(product, location, qty)

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
