# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelReturns(ChannelCommon):
    def _ship(self, order):
        picking = order.picking_ids
        picking.move_ids.picked = True
        picking._action_done()
        self.assertEqual(picking.state, "done")
        return picking

    def test_cancel_before_shipping_releases_the_stock(self):
        self._post(self._body(order_id="C1"))
        order = self._orders("C1")
        self.assertEqual(self.diapers.with_context(warehouse_id=self.store_b.warehouse_id.id).free_qty, 8)
        self._post(self._body(order_id="C1", event="order_cancelled", updated_at="2026-11-23T11:00:00"))
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.diapers.with_context(warehouse_id=self.store_b.warehouse_id.id).free_qty, 10)

    def test_refund_after_shipping_becomes_a_return_to_the_store(self):
        self._post(self._body(order_id="C2"))
        order = self._orders("C2")
        delivery = self._ship(order)
        self._post(self._body(order_id="C2", event="refund_requested", updated_at="2026-11-23T12:00:00"))
        message = self._messages().filtered(lambda m: m.event == "refund_requested")
        self.assertEqual(message.state, "done")
        self.assertNotEqual(order.state, "cancel", "a shipped order stays, its goods come back")
        returns = self.env["stock.picking"].search([("return_id", "=", delivery.id)])
        self.assertEqual(len(returns), 1)
        self.assertIn(returns.name, message.reason)
        self.assertEqual(returns.location_dest_id.warehouse_id, self.store_b.warehouse_id)
        self.assertEqual(returns.move_ids.product_uom_qty, 2)
        self.assertEqual(returns.state, "assigned")
        # the platform cancels the order as well: still one return
        self._post(self._body(order_id="C2", event="order_cancelled", updated_at="2026-11-23T12:05:00"))
        self.assertEqual(self.env["stock.picking"].search_count([("return_id", "=", delivery.id)]), 1)
        # the parcel comes back: the store has its 10 units again
        returns.move_ids.picked = True
        returns._action_done()
        self.assertEqual(self.diapers.with_context(warehouse_id=self.store_b.warehouse_id.id).qty_available, 10)
