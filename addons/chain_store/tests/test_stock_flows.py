from odoo.tests import tagged

from .common import ChainStoreCase


@tagged("post_install", "-at_install")
class TestStoreStockFlows(ChainStoreCase):
    """Core stock flows keep working for store users under the store rules."""

    def _validate(self, picking, user):
        picking = picking.with_user(user)
        picking.action_confirm()
        picking.action_assign()
        self.assertEqual(picking.state, "assigned", "the whole demand is reserved")
        result = picking.button_validate()
        self.assertIs(result, True, "validated without a wizard")
        self.assertEqual(picking.state, "done")

    def _qty(self, location):
        return self.product.with_context(location=location.id).qty_available

    def test_store_user_ships_to_another_store(self):
        """A transfer whose other end belongs to another store is validated by the sender."""
        picking = self._transfer(self.wh_a.int_type_id, self.wh_a.lot_stock_id, self.wh_b.lot_stock_id, qty=4)
        self._validate(picking, self.staff_a)
        self.assertEqual(self._qty(self.wh_a.lot_stock_id), 6)
        self.assertEqual(self._qty(self.wh_b.lot_stock_id), 11)
        # the receiving store sees the incoming transfer; the sender still sees it
        self.assertEqual(self.env["stock.picking"].with_user(self.staff_b).search([("id", "=", picking.id)]), picking)
        self.assertEqual(self.env["stock.picking"].with_user(self.staff_a).search([("id", "=", picking.id)]), picking)
        # but neither sees the other store's quants
        quants = self.env["stock.quant"].with_user(self.staff_a).search([("product_id", "=", self.product.id)])
        self.assertEqual(quants.location_id.warehouse_id, self.wh_a)

    def test_store_user_receives_from_another_store(self):
        """The receiving store validates a transfer that leaves the other store's stock."""
        picking = self._transfer(self.wh_b.int_type_id, self.wh_b.lot_stock_id, self.wh_a.lot_stock_id, qty=2)
        self._validate(picking, self.staff_a)
        self.assertEqual(self._qty(self.wh_a.lot_stock_id), 12)
        self.assertEqual(self._qty(self.wh_b.lot_stock_id), 5)

    def test_store_user_receives_from_a_supplier(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.wh_a.in_type_id.id,
                "partner_id": self.supplier.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.wh_a.lot_stock_id.id,
                "move_ids": [
                    (0, 0, {
                        "name": self.product.name, "product_id": self.product.id, "product_uom_qty": 24,
                        "product_uom": self.product.uom_id.id,
                        "location_id": self.env.ref("stock.stock_location_suppliers").id,
                        "location_dest_id": self.wh_a.lot_stock_id.id,
                    })
                ],
            }
        )  # fmt: skip
        self._validate(picking, self.staff_a)
        self.assertEqual(self._qty(self.wh_a.lot_stock_id), 34)

    def test_store_user_delivers_to_a_customer(self):
        customers = self.env.ref("stock.stock_location_customers")
        picking = self._transfer(self.wh_a.out_type_id, self.wh_a.lot_stock_id, customers, qty=3)
        self._validate(picking, self.staff_a)
        self.assertEqual(self._qty(self.wh_a.lot_stock_id), 7)

    def test_store_user_opens_stock_of_their_store(self):
        action = self.store_a.with_user(self.staff_a).action_view_stock()
        quants = self.env["stock.quant"].with_user(self.staff_a).search(action["domain"])
        self.assertEqual(quants.mapped("quantity"), [10.0])
