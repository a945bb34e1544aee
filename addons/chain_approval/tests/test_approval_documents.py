from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalStoreDocuments(ChainApprovalCase):
    """The chain store documents' flow (submit -> to approve -> approve) held by a rule, through
    the same generic gate: no glue module. Runs where chain_stock_transfer is installed."""

    def setUp(self):
        super().setUp()
        if "chain.stock.transfer" not in self.env:
            self.skipTest("chain_stock_transfer is not installed")
        self.env.company.chain_transfer_approval = False

    def _transfer(self, qty):
        self.product.standard_price = 100.0
        return (
            self.env["chain.stock.transfer"]
            .with_user(self.staff_b)
            .create(
                {
                    "source_store_id": self.store_a.id,
                    "dest_store_id": self.store_b.id,
                    "line_ids": [Command.create({"product_id": self.product.id, "product_qty": qty})],
                }
            )
        )

    def _transfer_rule(self):
        return self._rule(
            "chain.stock.transfer",
            "action_approve",
            [("Sending store", "store_manager", {}), ("Region", "region_manager", {})],
            domain="[('line_ids.product_qty', '>', 5)]",
            request_method="action_submit",
            store_field="source_store_id",
        )

    def test_inert_without_rule(self):
        transfer = self._transfer(8)
        transfer.action_submit()
        self.assertEqual(transfer.state, "approved")

    def test_transfer_over_a_value_waits_for_two_tiers(self):
        self._transfer_rule()
        small = self._transfer(2)
        small.action_submit()
        self.assertEqual(small.state, "approved", "below the condition nothing changes")
        transfer = self._transfer(8)
        transfer.action_submit()
        self.assertEqual(transfer.state, "to_approve")
        request = self._request_of(transfer, "action_approve")
        self.assertEqual(request.review_ids.sorted("sequence").reviewer_ids, self.manager_a | self.region_manager)
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            transfer.with_user(self.manager_a).action_approve()
        request.with_user(self.manager_a).action_chain_approve()
        self.assertEqual(transfer.state, "to_approve")
        request.with_user(self.region_manager).action_chain_approve()
        self.assertRecordValues(transfer, [{"state": "approved", "approved_by_id": self.region_manager.id}])
        self.assertEqual(request.state, "done")

    def test_lower_submit_raise_back_asks_the_rule_again(self):
        self._transfer_rule()
        transfer = self._transfer(8)
        transfer.line_ids.product_qty = 2  # below the rule's condition
        transfer.action_submit()
        self.assertEqual(transfer.state, "approved")
        transfer.line_ids.with_user(self.staff_b).product_qty = 8  # raised back after the approval
        self.assertEqual(transfer.state, "to_approve")
        request = self._request_of(transfer, "action_approve")
        self.assertEqual(request.state, "pending")
        self.assertEqual(request.review_ids.sorted("sequence").reviewer_ids, self.manager_a | self.region_manager)
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            transfer.with_user(self.manager_a).action_approve()

    def test_pending_transfer_never_waits_for_nobody(self):
        self._transfer_rule()
        transfer = self._transfer(8)
        transfer.action_submit()
        request = self._request_of(transfer, "action_approve")
        with self.assertRaises(AccessError):
            transfer.with_user(self.staff_b).write({"state": "approved"})
        with self.assertRaises(AccessError):
            request.review_ids[:1].with_user(self.staff_b).write({"status": "cancel"})
        with self.assertRaises(UserError):
            request.with_user(self.manager_b).action_cancel()  # runs the receiving store: not a reviewer
        self.assertEqual((transfer.state, request.state), ("to_approve", "pending"))
        # the requester withdraws: the request is cancelled and the transfer is a draft again
        request.with_user(self.staff_b).action_cancel()
        self.assertEqual((transfer.state, request.state), ("draft", "cancel"))
        transfer.with_user(self.staff_b).action_submit()
        pending = self.Request.sudo().search(
            [("res_model", "=", transfer._name), ("res_id", "=", transfer.id), ("state", "=", "pending")]
        )
        self.assertEqual(len(pending), 1, "submitting again asks again")
        # back to draft withdraws a pending approval too
        transfer.with_user(self.staff_b).action_reset_draft()
        self.assertEqual(pending.state, "cancel")

    def test_rejected_transfer_goes_back_to_draft(self):
        self._transfer_rule()
        transfer = self._transfer(8)
        transfer.action_submit()
        request = self._request_of(transfer, "action_approve")
        request.with_user(self.manager_a).action_chain_reject("Store A needs its formula this week")
        self.assertEqual((request.state, transfer.state), ("rejected", "draft"), "never To Approve for nobody")
        self.assertIn("cancelled or rejected", transfer.message_ids[0].body)
