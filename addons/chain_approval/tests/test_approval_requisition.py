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
