from odoo import Command
from odoo.exceptions import UserError
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
