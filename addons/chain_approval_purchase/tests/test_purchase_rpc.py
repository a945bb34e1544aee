from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .test_purchase_approval import PurchaseRuleCase

# the switches of OCA's tier validation that a client may try to send
SKIP = {"skip_validation_check": True, "skip_check_state_condition": True}


@tagged("post_install", "-at_install")
class TestPurchaseApprovalOverRpc(HttpCase, PurchaseRuleCase):
    """The web client and external RPC: context is input, and it does not switch the review off."""

    def _call_kw(self, model, method, args, kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def _execute_kw(self, user, password, model, method, args, kwargs):
        return self.make_jsonrpc_request(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [self.env.cr.dbname, user.id, password, model, method, args, kwargs],
            },
        )

    def test_client_context_does_not_confirm_an_order_under_review(self):
        order = self._order(self.store_a, 25000)
        order.with_user(self.buyer_user).request_validation()
        self.buyer_user.password = "buyer-pass"
        self.authenticate(self.buyer_user.login, "buyer-pass")
        calls = [
            ("button_confirm", [[order.id]], {"context": SKIP}),
            ("button_approve", [[order.id]], {"context": SKIP}),
            ("write", [[order.id], {"state": "purchase"}], {"context": SKIP}),
        ]
        for method, args, kwargs in calls:
            with self.subTest(path="call_kw", method=method), self.assertRaises(JsonRpcException):
                self._call_kw("purchase.order", method, args, kwargs)
            with self.subTest(path="jsonrpc", method=method), self.assertRaises(JsonRpcException):
                self._execute_kw(self.buyer_user, "buyer-pass", "purchase.order", method, args, kwargs)
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self._request_of(order, "button_confirm").state, "pending")

    def test_client_context_does_not_skip_an_oca_review(self):
        """A partner's own OCA tier definition: skip_validation_check from a client is ignored."""
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
        order.with_user(self.buyer_user).request_validation()
        self.buyer_user.password = "buyer-pass"
        self.authenticate(self.buyer_user.login, "buyer-pass")
        with self.assertRaises(JsonRpcException):
            self._call_kw("purchase.order", "write", [[order.id], {"state": "purchase"}], {"context": SKIP})
        with self.assertRaises(JsonRpcException):
            self._execute_kw(
                self.buyer_user, "buyer-pass", "purchase.order", "button_confirm", [[order.id]], {"context": SKIP}
            )
        review = order.review_ids
        with self.assertRaises(JsonRpcException):
            self._call_kw("tier.review", "write", [review.ids, {"status": "approved"}], {"context": SKIP})
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.review_ids.status, "pending")
