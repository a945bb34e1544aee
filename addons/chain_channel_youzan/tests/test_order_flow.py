# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
from unittest.mock import patch

from odoo.tests import tagged

from .common import YouzanCommon


@tagged("post_install", "-at_install")
class TestYouzanOrderFlow(YouzanCommon):
    """Simulator pushes → core messages → sale orders of the fulfilling store, jobs run at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._store_with_two_skus("YZ-T", "order flow test")

    def setUp(self):
        super().setUp()
        # run the queued jobs at once, in the request (queue_job's documented switch)
        env_patch = patch.dict(os.environ, {"QUEUE_JOB__NO_DELAY": "1"})
        env_patch.start()
        self.addCleanup(env_patch.stop)

    def _url(self):
        return f"{self.base_url()}/chain_channel/{self.channel.id}/webhook"

    def _orders(self, tid):
        return self.env["sale.order"].search(
            [("chain_channel_id", "=", self.channel.id), ("chain_platform_order_id", "=", tid)]
        )

    def test_paid_trade_delivered_three_times_is_one_reserved_order(self):
        tid = self.sim.create_order([(36001, 2, 89.0), (36002, 1, 45.5)])
        other = self.sim.create_order([(36002, 1, 45.5)])
        result = self.sim.push_all(self._url(), [tid, other], redeliver=3, shuffle=True, workers=3)
        self.assertEqual((result["sent"], result["acked"]), (6, 6), result)
        order = self._orders(tid)
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.warehouse_id, self.store.warehouse_id)
        self.assertEqual(
            sorted((line.product_id, line.product_uom_qty, line.price_unit) for line in order.order_line),
            sorted([(self.diapers, 2.0, 89.0), (self.formula, 1.0, 45.5)]),
        )
        self.assertEqual(order.picking_ids.state, "assigned")
        self.assertEqual(sum(order.picking_ids.move_ids.mapped("quantity")), 3.0)
        self.assertEqual(len(self._orders(other)), 1)

    def test_unknown_sku_needs_attention_with_reason(self):
        tid = self.sim.create_order([(36001, 1, 89.0), (36011, 1, 10.0)])
        [(status, _body)] = self.sim.push(self._url(), tid)
        self.assertEqual(status, 200)
        message = self.env["chain.channel.message"].search(
            [("channel_id", "=", self.channel.id), ("platform_order_id", "=", tid)]
        )
        self.assertEqual(message.state, "attention")
        self.assertIn("36011", message.reason)
        self.assertFalse(self._orders(tid))

    def test_trade_closed_before_shipping_cancels_the_order(self):
        tid = self.sim.create_order([(36001, 1, 89.0)])
        self.sim.push(self._url(), tid)
        order = self._orders(tid)
        self.assertEqual(order.state, "sale")
        self.sim.set_status(tid, "TRADE_CLOSED")
        [(status, _body)] = self.sim.push(self._url(), tid, kind="trade_TradeClose")
        self.assertEqual(status, 200)
        self.env.invalidate_all()  # the order was written by the webhook's request
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.picking_ids.state, "cancel")
