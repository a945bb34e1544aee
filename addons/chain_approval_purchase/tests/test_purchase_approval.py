from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.chain_approval.tests.common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestPurchaseApproval(ChainApprovalCase):
    """The done-means rule: purchase orders over 20,000 from a store, store manager then region
    manager, set up as a consultant would (no code), on purchase.order.button_confirm."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer_user = cls._user("t_po_buyer", "purchase.group_purchase_user", cls.store_a)
        cls.rule = cls._rule(
            "purchase.order",
            "button_confirm",
            [("Store manager", "store_manager", {}), ("Region manager", "region_manager", {})],
            domain="[('amount_untaxed', '>', 20000), ('chain_store_id', '!=', False)]",
            amount_field="amount_untaxed",
        )

    def _order(self, store, price):
        return self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "picking_type_id": store.warehouse_id.in_type_id.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_qty": 1, "price_unit": price})],
            }
        )

    def test_order_knows_its_store(self):
        self.assertEqual(self._order(self.store_b, 10).chain_store_id, self.store_b)

    def test_small_order_confirms(self):
        order = self._order(self.store_a, 19000)
        order.with_user(self.buyer_user).button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_big_order_waits_for_store_then_region_manager(self):
        order = self._order(self.store_a, 25000)
        with self.assertRaisesRegex(UserError, "needs an approval"):
            order.with_user(self.buyer_user).button_confirm()
        self.Request.with_user(self.buyer_user)._chain_action_request(order)
        request = self._request_of(order, "button_confirm")
        self.assertRecordValues(request, [{"amount": 25000.0, "store_id": self.store_a.id, "state": "pending"}])
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            order.with_user(self.buyer_user).button_confirm()
        with self.assertRaises(UserError):
            request.with_user(self.manager_b).action_chain_approve()
        request.with_user(self.manager_a).action_chain_approve()
        self.assertEqual(order.state, "draft")
        request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(request.state, "done")

    def test_store_b_order_goes_to_store_b(self):
        order = self._order(self.store_b, 30000)
        request = self.Request._chain_request(order, self.rule)
        self.assertEqual(request.review_ids.sorted("sequence")[0].reviewer_ids, self.manager_b)
        with self.assertRaises(UserError):
            request.with_user(self.manager_a).action_chain_approve()
