from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.chain_approval.tests.common import ChainApprovalCase


class PurchaseRuleCase(ChainApprovalCase):
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


@tagged("post_install", "-at_install")
class TestPurchaseApproval(PurchaseRuleCase):
    """The rule through the generic gate of chain_approval."""

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


@tagged("post_install", "-at_install")
class TestPurchaseTierValidation(PurchaseRuleCase):
    """The same rule seen through OCA's purchase_tier_validation: its button, its status, its
    state check and its read-only order under validation follow the chain approval."""

    def test_request_validation_button_requests_the_chain_approval(self):
        order = self._order(self.store_a, 25000).with_user(self.buyer_user)
        self.assertTrue(order.need_validation, "the order shows OCA's Request Validation button")
        self.assertEqual(order.validation_status, "no")
        order.request_validation()
        request = self._request_of(order, "button_confirm")
        self.assertEqual(
            request.review_ids.sorted("sequence").mapped("reviewer_ids"), self.manager_a | self.region_manager
        )
        order.invalidate_recordset()
        self.assertFalse(order.need_validation)
        self.assertEqual(order.validation_status, "pending")
        request.with_user(self.manager_a).action_chain_approve()
        self.assertEqual(order.validation_status, "pending", "one tier of two")
        request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(request.state, "done")

    def test_small_order_needs_no_validation(self):
        order = self._order(self.store_a, 1000)
        self.assertFalse(order.need_validation)
        order.with_user(self.buyer_user).button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_state_cannot_be_written_past_the_approval(self):
        """An import or an RPC write of the state is refused like the button."""
        order = self._order(self.store_a, 25000)
        with self.assertRaisesRegex(UserError, "needs an approval"):
            order.with_user(self.buyer_user).write({"state": "purchase"})
        order.with_user(self.buyer_user).request_validation()
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            order.with_user(self.buyer_user).write({"state": "purchase"})
        self.assertEqual(order.state, "draft")

    def test_rejected_order_shows_rejected(self):
        order = self._order(self.store_a, 25000)
        order.with_user(self.buyer_user).request_validation()
        request = self._request_of(order, "button_confirm")
        request.with_user(self.manager_a).action_chain_reject("Too much stock already")
        self.assertEqual(order.validation_status, "rejected")
        self.assertEqual(order.search([("rejected", "=", True), ("id", "=", order.id)]), order)

    def test_order_under_approval_cannot_be_edited(self):
        order = self._order(self.store_a, 25000)
        order.with_user(self.buyer_user).request_validation()
        with self.assertRaisesRegex(ValidationError, "under approval"):
            order.with_user(self.buyer_user).write(
                {"order_line": [Command.update(order.order_line.id, {"price_unit": 90000})]}
            )
        self.assertEqual(order.amount_untaxed, 25000)
        # the requester withdraws the request: the order is editable again, and needs a new approval
        self._request_of(order, "button_confirm").with_user(self.buyer_user).action_cancel()
        order.with_user(self.buyer_user).write(
            {"order_line": [Command.update(order.order_line.id, {"price_unit": 30000})]}
        )
        self.assertEqual(order.amount_untaxed, 30000)
        self.assertTrue(order.need_validation)

    def test_form_is_read_only_under_approval(self):
        arch = self.env["purchase.order"].get_view(view_type="form")["arch"]
        arch = arch.decode() if isinstance(arch, bytes) else arch
        self.assertIn("request_validation", arch, "OCA's Request Validation button is on the order form")
        self.assertIn("validation_status not in ('no', False)", arch)

    def test_oca_tier_definition_still_works(self):
        """A partner's existing OCA tier definition on purchase orders keeps holding them."""
        self.rule.active = False
        self.env["tier.definition"].create(
            {
                "name": "OCA: every order over 500",
                "model_id": self.env["ir.model"]._get_id("purchase.order"),
                "review_type": "individual",
                "reviewer_id": self.manager_a.id,
                "definition_domain": "[('amount_untaxed', '>', 500)]",
            }
        )
        order = self._order(self.store_a, 1000)
        with self.assertRaises(ValidationError):
            order.with_user(self.buyer_user).button_confirm()
        order.with_user(self.buyer_user).request_validation()
        self.assertEqual(order.review_ids.reviewer_ids, self.manager_a)
        order.with_user(self.manager_a).validate_tier()
        order.invalidate_recordset()  # a new click, a new transaction: OCA's need_validation has no depends
        order.with_user(self.buyer_user).button_confirm()
        self.assertEqual(order.state, "purchase")
