# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

from odoo.tests import tagged

from .common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelWebhook(ChannelCommon):
    def test_signed_message_creates_one_reserved_order(self):
        response = self._post(self._body())
        self.assertEqual(response.status_code, 200)
        order = self._orders()
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.product_id, self.diapers)
        self.assertEqual(order.order_line.product_uom_qty, 2)
        self.assertEqual(order.order_line.price_unit, 89.0)
        self.assertEqual(order.partner_id.name, "Li Na")
        self.assertEqual(order.partner_id.street, "Pudong 1 Century Ave")
        # store A has no diapers, store B has 10: B ships
        self.assertEqual(order.warehouse_id, self.store_b.warehouse_id)
        self.assertEqual(order.picking_ids.move_ids.product_qty, 2)
        self.assertEqual(order.picking_ids.state, "assigned")
        self.assertEqual(self._messages().state, "done")
        self.assertEqual(self._messages().sale_order_id, order)

    def test_same_message_three_times_gives_one_order(self):
        body = self._body()
        for _i in range(3):
            self.assertEqual(self._post(body).status_code, 200)
        self.assertEqual(len(self._messages()), 1)
        self.assertEqual(len(self._orders()), 1)

    def test_created_then_paid_updates_the_same_order(self):
        self._post(self._body(event="order_created"))
        self.assertEqual(self._orders().state, "draft")
        self._post(self._body(event="order_paid", updated_at="2026-11-23T10:05:00"))
        self.assertEqual(len(self._messages()), 2)
        self.assertEqual(len(self._orders()), 1)
        self.assertEqual(self._orders().state, "sale")

    def test_wrong_signature_is_refused_and_nothing_stored(self):
        response = self._post(self._body(), secret="not-the-secret")
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self._messages())
        self.assertFalse(self._orders())

    def test_stale_timestamp_is_refused_and_nothing_stored(self):
        response = self._post(self._body(), timestamp=int(time.time()) - 3600)
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self._messages())

    def test_unreadable_body_is_400_and_nothing_stored(self):
        response = self._post(b"{not json")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._messages())
        response = self._post(self._body(event="order_exploded"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._messages())

    def test_unknown_sku_needs_attention_and_creates_nothing(self):
        self._post(self._body(lines=[{"sku": "SKU-D", "qty": 1}, {"sku": "NOPE-1", "qty": 1}]))
        message = self._messages()
        self.assertEqual(message.state, "attention")
        self.assertIn("NOPE-1", message.reason)
        self.assertIn("Unknown SKU", message.reason)
        self.assertFalse(self._orders())

    def test_bad_address_needs_attention(self):
        self._post(self._body(address={"name": "Li Na"}))
        self.assertEqual(self._messages().state, "attention")
        self.assertIn("address", self._messages().reason)
        self.assertFalse(self._orders())

    def test_fix_mapping_then_retry_creates_the_order(self):
        self._post(self._body(lines=[{"sku": "SKU-NEW", "qty": 1}]))
        self.assertEqual(self._messages().state, "attention")
        self.channel.product_ids = [(0, 0, {"sku": "SKU-NEW", "product_id": self.wipes.id})]
        self._messages().action_retry()
        self.assertEqual(self._messages().state, "done")
        self.assertEqual(self._orders().order_line.product_id, self.wipes)

    def test_cancel_before_shipping_cancels_the_order(self):
        self._post(self._body())
        order = self._orders()
        self.assertEqual(order.state, "sale")
        self._post(self._body(event="order_cancelled", updated_at="2026-11-23T11:00:00"))
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.picking_ids.state, "cancel")
        self.assertEqual(set(self._messages().mapped("state")), {"done"})

    def test_stock_short_everywhere_falls_back_to_first_store(self):
        self._post(self._body(lines=[{"sku": "SKU-D", "qty": 50}]))
        self.assertEqual(self._orders().warehouse_id, self.store_a.warehouse_id)
