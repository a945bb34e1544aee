from unittest import SkipTest

from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import get_db_name

from odoo.addons.chain_stock_replenish.tests.common import ChainReplenishCase


@tagged("post_install", "-at_install")
class TestApprovalRequisition(ChainReplenishCase):
    """Requisitions (flow field ``chain_state``) held by the same generic rule mechanism."""

    @classmethod
    def setUpClass(cls):
        if "chain.replenish.allocation" not in Registry(get_db_name()):
            raise SkipTest("chain_stock_replenish is not installed")
        super().setUpClass()
        cls.env.company.chain_requisition_approval = False
        cls.manager_b = cls._user("t_req_manager_b", "chain_store.group_chain_store_manager")
        cls.store_b.manager_id = cls.manager_b
        cls.rule = cls.env["chain.approval.rule"].create(
            {
                "name": "Big requisitions",
                "model_id": cls.env["ir.model"]._get_id("stock.request.order"),
                "method_name": "action_approve",
                "request_method": "action_submit",
                "domain": "[('stock_request_ids.product_uom_qty', '>', 30)]",
                "store_field": "chain_store_id",
                "tier_ids": [(0, 0, {"name": "Store manager", "approver_type": "store_manager"})],
            }
        )

    def test_big_requisition_waits_for_its_store_manager(self):
        small = self._requisition(self.store_a, [(self.product, 12)])
        self.assertEqual(small.chain_state, "approved", "below the condition nothing changes")
        order = self._requisition(self.store_a, [(self.product, 36)])
        self.assertEqual(order.chain_state, "to_approve")
        request = self.env["chain.approval.request"].search(
            [("res_model", "=", "stock.request.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(request.review_ids.reviewer_ids, self.manager_a)
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            order.with_user(self.manager_a).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.manager_b).action_chain_approve()
        request.with_user(self.manager_a).action_chain_approve()
        self.assertEqual(order.chain_state, "approved")

    def _pending(self, record):
        return (
            self.env["chain.approval.request"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id), ("state", "=", "pending")])
        )

    def test_rejected_requisition_goes_back_to_draft(self):
        order = self._requisition(self.store_a, [(self.product, 36)], user=self.staff_a)
        request = self._pending(order)
        request.with_user(self.manager_a).action_chain_reject("Half of it is on the way already")
        self.assertEqual((request.state, order.chain_state), ("rejected", "draft"), "never To Approve for nobody")
        self.assertIn("cancelled or rejected", order.message_ids[0].body)

    def test_cancelled_requisition_goes_back_to_draft(self):
        order = self._requisition(self.store_a, [(self.product, 36)], user=self.staff_a)
        request = self._pending(order)
        with self.assertRaises(UserError):
            request.with_user(self.manager_b).action_cancel()  # runs store B: not a reviewer
        request.with_user(self.manager_a).action_cancel()
        self.assertEqual((request.state, order.chain_state), ("cancel", "draft"))
        order.with_user(self.staff_a).action_submit()
        pending = self._pending(order)
        self.assertEqual(len(pending), 1, "submitting again asks again")
        # the requester withdraws it from the approval: the requisition follows
        pending.with_user(self.staff_a).action_cancel()
        self.assertEqual((pending.state, order.chain_state), ("cancel", "draft"))
        order.with_user(self.staff_a).action_submit()
        pending = self._pending(order)
        order.with_user(self.staff_a).action_reset_draft()
        self.assertEqual(pending.state, "cancel", "back to draft withdraws the approval")
        order.with_user(self.staff_a).action_submit()
        pending = self._pending(order)
        order.with_user(self.manager_a).action_cancel()
        self.assertEqual((pending.state, order.chain_state), ("cancel", "cancel"))

    def test_store_manager_own_requisition_goes_to_the_region_manager(self):
        order = self._requisition(self.store_a, [(self.product, 36)], user=self.manager_a)
        request = self._pending(order)
        self.assertEqual(request.review_ids.reviewer_ids, self.region_manager, "four eyes")
        with self.assertRaisesRegex(UserError, "four eyes"):
            request.with_user(self.manager_a).action_chain_approve()
        request.with_user(self.region_manager).action_chain_approve()
        self.assertRecordValues(order, [{"chain_state": "approved", "chain_approved_by_id": self.region_manager.id}])

    def test_rejected_allocation_goes_back_to_draft(self):
        self._requisition(self.store_a, [(self.product, 12)])
        self._stock_dc(self.product, 18)
        self.env["chain.approval.rule"].create(
            {
                "name": "Allocations",
                "model_id": self.env["ir.model"]._get_id("chain.replenish.allocation"),
                "method_name": "action_approve",
                "request_method": "action_submit",
                "tier_ids": [(0, 0, {"name": "Region", "approver_type": "user", "user_id": self.region_manager.id})],
            }
        )
        allocation = self.env["chain.replenish.allocation"].with_user(self.chain_manager).create({"dc_id": self.dc.id})
        allocation.action_load_requests()
        allocation.action_submit()
        self.assertEqual(allocation.state, "to_approve")
        request = self._pending(allocation)
        request.with_user(self.region_manager).action_chain_reject("The DC counts its stock tomorrow")
        self.assertEqual((request.state, allocation.state), ("rejected", "draft"))
        self.assertIn("cancelled or rejected", allocation.message_ids[0].body)
        allocation.action_submit()
        pending = self._pending(allocation)
        pending.with_user(self.region_manager).action_cancel()
        self.assertEqual((pending.state, allocation.state), ("cancel", "draft"))
        allocation.action_submit()
        pending = self._pending(allocation)
        allocation.action_cancel()
        self.assertEqual((pending.state, allocation.state), ("cancel", "cancel"))
