from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainReplenishCase


@tagged("post_install", "-at_install")
class TestAccess(ChainReplenishCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sales(cls.store_a, cls.product, [2] * 28)
        cls._sales(cls.store_b, cls.wipes, [1] * 28)
        cls.suggestions = cls.env["chain.replenish.suggestion"]._chain_compute_suggestions(
            cls.store_a | cls.store_b, today=cls.today
        )
        cls.suggestion_a = cls.suggestions.filtered(lambda s: s.store_id == cls.store_a)
        cls.order_a = cls._requisition(cls.store_a, [(cls.product, 12)], user=cls.staff_a)

    def test_store_user_sees_own_suggestions_only(self):
        seen = self.env["chain.replenish.suggestion"].with_user(self.staff_b).search([])
        self.assertEqual(seen.store_id, self.store_b)
        with self.assertRaises(AccessError):
            self.suggestion_a.with_user(self.staff_b).read(["qty"])
        with self.assertRaises(AccessError):
            self.suggestion_a.with_user(self.staff_b).write({"qty": 6})
        self.assertEqual(self.env["chain.replenish.suggestion"].with_user(self.staff_a).search([]), self.suggestion_a)

    def test_store_user_cannot_create_suggestions_for_another_store(self):
        with self.assertRaises(AccessError):
            self.env["chain.replenish.suggestion"].with_user(self.staff_b).create(
                {"store_id": self.store_a.id, "product_id": self.product.id}
            )

    def test_store_user_cannot_submit_another_stores_suggestions(self):
        with self.assertRaises(AccessError):
            self.suggestion_a.with_user(self.staff_b).action_submit()
        self.assertEqual(self.suggestion_a.state, "draft")

    def test_store_user_sees_own_requisitions_only(self):
        Order = self.env["stock.request.order"]
        self.assertEqual(Order.with_user(self.staff_a).search([]), self.order_a)
        self.assertFalse(Order.with_user(self.staff_b).search([]))
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.staff_b).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.stock_request_ids.with_user(self.staff_b).read(["product_uom_qty"])

    def test_store_user_cannot_create_a_requisition_for_another_store(self):
        with self.assertRaises(AccessError):
            self.env["stock.request.order"].with_user(self.staff_b).create(
                {
                    "warehouse_id": self.wh_a.id,
                    "location_id": self.wh_a.lot_stock_id.id,
                    "stock_request_ids": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_id": self.product.uom_id.id,
                             "product_uom_qty": 6, "warehouse_id": self.wh_a.id,
                             "location_id": self.wh_a.lot_stock_id.id}
                        )
                    ],
                }
            )  # fmt: skip

    def test_region_manager_sees_region_requisitions_and_hq_all(self):
        order_b = self._requisition(self.store_b, [(self.wipes, 3)])
        Order = self.env["stock.request.order"]
        self.assertEqual(Order.with_user(self.region_manager).search([]), self.order_a)
        self.assertEqual(Order.with_user(self.chain_manager).search([]), self.order_a | order_b)

    def test_store_user_sees_own_allocation_lines_only(self):
        self._stock_dc(self.product, 100)
        allocation = self.env["chain.replenish.allocation"].with_user(self.chain_manager).create({"dc_id": self.dc.id})
        allocation.action_load_requests()
        allocation.write(
            {"line_ids": [Command.create({"store_id": self.store_b.id, "product_id": self.wipes.id,
                                          "requested_qty": 5})]}
        )  # fmt: skip
        Line = self.env["chain.replenish.allocation.line"]
        self.assertEqual(Line.with_user(self.staff_a).search([]).store_id, self.store_a)
        self.assertEqual(Line.with_user(self.staff_b).search([]).store_id, self.store_b)
        with self.assertRaises(AccessError):
            allocation.line_ids.filtered(lambda line: line.store_id == self.store_a).with_user(self.staff_b).read(
                ["allocated_qty"]
            )
        other = self.env["chain.replenish.allocation"].create({"dc_id": self.dc.id})
        with self.assertRaises(AccessError):
            other.with_user(self.staff_b).read(["name"])
