from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalPriceChange(ChainApprovalCase):
    """A store price change (chain_price_change) held by a rule through the generic gate, with no
    glue: the store manager, then the region manager. Runs where chain_price_change is installed.
    The store manager makes the change: four eyes sends their own tier to the region manager."""

    def setUp(self):
        super().setUp()
        if "chain.price.change" not in self.env:
            self.skipTest("chain_price_change is not installed")
        self.store_a.pricelist_id = self.env["product.pricelist"].create({"name": "Store A prices"})

    def _change(self, price):
        return (
            self.env["chain.price.change"]
            .with_user(self.manager_a)
            .create(
                {
                    "scope": "pricelist",
                    "pricelist_target": "store",
                    "store_id": self.store_a.id,
                    "effective_date": fields.Date.today(),
                    "reason": "Competitor price",
                    "line_ids": [Command.create({"product_id": self.product.id, "new_price": price})],
                }
            )
        )

    def test_price_change_waits_for_both_tiers(self):
        self._rule(
            "chain.price.change",
            "action_approve",
            [("Store", "store_manager", {}), ("Region", "region_manager", {})],
            request_method="action_submit",
            store_field="store_id",
        )
        change = self._change(88.0)
        change.action_submit()
        self.assertEqual(change.state, "to_approve")
        request = self._request_of(change, "action_approve")
        # four eyes: the store manager made the change, so their tier goes to the region manager
        reviews = request.review_ids.sorted("sequence")
        self.assertEqual([review.reviewer_ids for review in reviews], [self.region_manager, self.region_manager])
        self.assertIn(self.manager_a.name, request.note)
        # without the rule the store manager approves their own store's change; the rule holds it
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            change.with_user(self.manager_a).action_approve()
        with self.assertRaisesRegex(UserError, "four eyes"):
            request.with_user(self.manager_a).action_chain_approve()
        request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual(change.state, "to_approve", "one tier of two")
        request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual(change.state, "approved")
        change.with_user(self.manager_a).action_apply_now()
        self.assertEqual(change.state, "done")
        item = self.store_a.pricelist_id.item_ids.filtered(lambda i: i.product_id == self.product)
        self.assertEqual(item.fixed_price, 88.0, "the approved price reaches the store's pricelist")
