from odoo import Command
from odoo.tests import tagged

from .common import ChainExpiryCase


@tagged("post_install", "-at_install")
class TestPosLot(ChainExpiryCase):
    def test_pos_line_keeps_the_real_lot(self):
        lot = self._lot("POS-L1", 400)
        other_product_lot = self._lot(
            "POS-L1",
            400,
            product=self.env["product.product"].create(
                {"name": "Rice cereal (test)", "is_storable": True, "tracking": "lot", "use_expiration_date": True}
            ),
        )
        self._put(lot, self.shelf_a, 5)
        config = self._pos_config(self.store_a)
        order = self._pos_order(config)
        order.lines.write({"product_id": self.formula.id, "pack_lot_ids": [Command.create({"lot_name": "POS-L1"})]})
        pack = order.lines.pack_lot_ids
        self.assertEqual(pack.chain_lot_id, lot, "same lot name on another product is not confused")
        self.assertNotEqual(pack.chain_lot_id, other_product_lot)
        self.assertEqual(lot.chain_pos_order_count, 1)
        action = lot.action_chain_pos_orders()
        self.assertEqual(self.env["pos.order"].search(action["domain"]), order)
        unknown = order.lines.pack_lot_ids.create({"pos_order_line_id": order.lines.id, "lot_name": "NOPE"})
        self.assertFalse(unknown.chain_lot_id)
