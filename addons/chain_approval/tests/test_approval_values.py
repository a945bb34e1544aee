from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalValues(ChainApprovalCase):
    """Scrap and inventory adjustments held above a value (quantity at cost), not a quantity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.standard_price = 100.0
        cls.store_field = "location_id.warehouse_id.chain_store_id"

    def test_scrap_above_a_value(self):
        self._rule(
            "stock.scrap",
            "action_validate",
            [("Store manager", "store_manager", {})],
            domain="[('chain_value', '>', 500)]",
            store_field=self.store_field,
        )
        small = self._scrap(self.store_a, 3)
        self.assertEqual(small.chain_value, 300.0)
        small.with_user(self.staff_a).action_validate()
        self.assertEqual(small.state, "done", "300 is not above 500")
        big = self._scrap(self.store_a, 6)
        self.assertIn(big, self.env["stock.scrap"].search([("chain_value", ">", 500)]))
        with self.assertRaisesRegex(UserError, "needs an approval"):
            big.with_user(self.staff_a).action_validate()
        self.Request.with_user(self.staff_a)._chain_action_request(big)
        self._request_of(big, "action_validate").with_user(self.manager_a).action_chain_approve()
        self.assertEqual(big.state, "done")

    def test_inventory_adjustment_above_a_value(self):
        self._rule(
            "stock.quant",
            "action_apply_inventory",
            [("Store manager", "store_manager", {})],
            domain="[('chain_inventory_diff_value', '>', 1000)]",
            store_field=self.store_field,
        )
        Quant = self.env["stock.quant"].with_context(inventory_mode=True)
        location = self.store_a.warehouse_id.lot_stock_id
        # the store holds 10: counting 18 is a gain of 800, then counting 5 a loss of 1,300
        quant = Quant.create({"product_id": self.product.id, "location_id": location.id, "inventory_quantity": 18})
        self.assertEqual(quant.chain_inventory_diff_value, 800.0)
        quant.action_apply_inventory()
        self.assertEqual(quant.quantity, 18, "a difference of 800 passes")
        quant.inventory_quantity = 5
        self.assertEqual(quant.chain_inventory_diff_value, 1300.0, "a loss counts as much as a gain")
        with self.assertRaisesRegex(UserError, "needs an approval"):
            quant.action_apply_inventory()
        self.assertEqual(quant.quantity, 18)
