# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelOutbox(ChannelCommon):
    def _outbox(self, product=None):
        return self.env["chain.channel.outbox"].search(
            [("channel_id", "=", self.channel.id), ("product_id", "=", (product or self.diapers).id)]
        )

    def _deliver(self, qty=2):
        self._post(self._body(lines=[{"sku": "SKU-D", "qty": qty}]))
        picking = self._orders().picking_ids
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def _due(self, rows):
        rows.sudo().write({"next_try": fields.Datetime.now() - timedelta(seconds=1)})

    def test_done_delivery_writes_outbox_and_pushes_offered_qty(self):
        self._deliver(2)
        row = self._outbox()
        self.assertEqual((row.state, row.sku), ("pending", "SKU-D"))
        self.env["chain.channel.outbox"]._chain_push_pending()
        # 8 left in B: floor(8 * 0.5 - 1) = 3
        self.assertEqual(row.state, "done")
        self.assertEqual(row.last_qty, 3)
        [call] = self.server.calls
        self.assertEqual(call["path"], "/stock")
        self.assertEqual(call["body"], {"items": [{"sku": "SKU-D", "qty": 3}]})
        self.assertIn("X-Chain-Signature", call["headers"])

    def test_moves_coalesce_into_one_row(self):
        self._deliver(1)
        self._post(self._body(order_id="T2", lines=[{"sku": "SKU-D", "qty": 1}]))
        picking = self._orders("T2").picking_ids
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking.button_validate()
        row = self._outbox()
        self.assertEqual(len(row), 1)
        self.assertEqual(row.version, 2)
        self.env["chain.channel.outbox"]._chain_push_pending()
        self.assertEqual(len(self.server.calls), 1)
        self.assertEqual(self.server.calls[0]["body"]["items"], [{"sku": "SKU-D", "qty": 3}])

    def test_other_warehouse_does_not_touch_the_channel(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.store_c.warehouse_id.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.store_c.warehouse_id.lot_stock_id.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "in",
                            "product_id": self.diapers.id,
                            "product_uom_qty": 3,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.store_c.warehouse_id.lot_stock_id.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.quantity = 3
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertFalse(self._outbox())

    def test_failures_back_off_then_dead_then_replay(self):
        self._deliver(2)
        row = self._outbox()
        Outbox = self.env["chain.channel.outbox"]
        self.server.statuses.extend([503, 429])
        Outbox._chain_push_pending()
        self.assertEqual((row.state, row.attempts), ("pending", 1))
        self.assertIn("Temporary failure", row.error)
        self.assertGreater(row.next_try, fields.Datetime.now())
        Outbox._chain_push_pending()  # not due yet: no call
        self.assertEqual(len(self.server.calls), 1)
        self._due(row)
        Outbox._chain_push_pending()
        self.assertEqual(row.attempts, 2)
        self.assertIn("Rate limited", row.error)
        self.server.statuses.extend([500, 500, 500])
        for _i in range(3):
            self._due(row)
            Outbox._chain_push_pending()
        self.assertEqual((row.state, row.attempts), ("dead", 5))
        self.assertEqual(len(self.server.calls), 5)
        self._due(row)
        Outbox._chain_push_pending()
        self.assertEqual(len(self.server.calls), 5, "a dead update is not retried")
        row.action_replay()
        self.assertEqual((row.state, row.attempts), ("pending", 0))
        Outbox._chain_push_pending()
        self.assertEqual((row.state, row.last_qty), ("done", 3))

    def test_push_rate_share_is_a_share(self):
        self.assertEqual(self.channel.push_rate_share, 0.5, "pushes use half the platform's rate by default")
        for wrong in (0.0, 1.5):
            with self.assertRaisesRegex(ValidationError, "push rate share"):
                self.channel.sudo().push_rate_share = wrong

    def test_an_archived_channel_sends_nothing_until_active_again(self):
        self._deliver(2)
        row = self._outbox()
        self.channel.active = False
        self.env["chain.channel.outbox"]._chain_push_pending()
        self.assertEqual(row.state, "pending")
        self.assertFalse(self.server.calls)
        self.channel.active = True
        self.env["chain.channel.outbox"]._chain_push_pending()
        self.assertEqual(row.state, "done")
        self.assertEqual(len(self.server.calls), 1)
