from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ChainReplenishCase


@tagged("post_install", "-at_install")
class TestAllocation(ChainReplenishCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._requisition(cls.store_a, [(cls.product, 24), (cls.wipes, 5)])
        cls.order_b = cls._requisition(cls.store_b, [(cls.product, 12)])
        cls._stock_dc(cls.product, 18)
        cls._stock_dc(cls.wipes, 100)

    def _allocation(self, user=None, **vals):
        Allocation = self.env["chain.replenish.allocation"].with_user(user or self.chain_manager)
        return Allocation.create({"dc_id": self.dc.id, **vals})

    def _request(self, order, product):
        return order.stock_request_ids.filtered(lambda r: r.product_id == product)

    def test_short_dc_stock_is_shared_in_proportion_and_shipped(self):
        allocation = self._allocation()
        allocation.action_load_requests()
        self.assertEqual(len(allocation.line_ids), 3)
        allocation.action_allocate()
        lines = allocation.line_ids.sorted(lambda line: (line.product_id.id, line.store_id.code))
        # 3 cases of 6 for 4 + 2 cases asked: A gets 2, B gets 1
        self.assertRecordValues(
            lines.filtered(lambda line: line.product_id == self.product),
            [{"store_id": self.store_a.id, "requested_qty": 24.0, "allocated_qty": 12.0, "cut_reason": "proportional"},
             {"store_id": self.store_b.id, "requested_qty": 12.0, "allocated_qty": 6.0, "cut_reason": "proportional"}],
        )  # fmt: skip
        self.assertRecordValues(
            lines.filtered(lambda line: line.product_id == self.wipes),
            [{"allocated_qty": 5.0, "cut_reason": "full"}],
        )
        allocation.action_submit()
        self.assertEqual(allocation.state, "approved")
        allocation.action_done()
        self.assertEqual(allocation.state, "done")
        request_a = self._request(self.order_a, self.product)
        self.assertRecordValues(
            request_a,
            [{"chain_requested_qty": 24.0, "chain_allocated_qty": 12.0, "chain_cut_reason": "proportional",
              "product_uom_qty": 12.0, "state": "open"}],
        )  # fmt: skip
        self.assertRecordValues(self.order_a | self.order_b, [{"chain_state": "done"}, {"chain_state": "done"}])
        # Odoo created the DC shipment into transit and the store's receipt from transit
        moves = request_a.move_ids
        self.assertIn(self.wh_dc.lot_stock_id, moves.location_id)
        self.assertIn(self.wh_a.lot_stock_id, moves.location_dest_id)
        dc_out = moves.filtered(lambda m: m.location_id == self.wh_dc.lot_stock_id)
        self.assertEqual(dc_out.product_uom_qty, 12.0)
        self.assertEqual(dc_out.location_dest_id.usage, "transit")
        self.assertTrue(request_a.picking_ids)
        # what the DC lacked is to be bought from the first supplier
        self.assertRecordValues(
            allocation.purchase_line_ids,
            [{"product_id": self.product.id, "partner_id": self.supplier.id, "qty": 18.0, "state": "open"}],
        )

    def test_priority_rule_serves_the_priority_store_first(self):
        self.product.chain_allocation_rule = "priority"
        self.store_b.replenish_priority = 20
        allocation = self._allocation()
        allocation.action_load_requests()
        allocation.action_allocate()
        by_store = {line.store_id: line for line in allocation.line_ids if line.product_id == self.product}
        self.assertRecordValues(by_store[self.store_b], [{"allocated_qty": 12.0, "cut_reason": "full"}])
        self.assertRecordValues(by_store[self.store_a], [{"allocated_qty": 6.0, "cut_reason": "priority"}])

    def test_min_first_rule_uses_the_store_minimum(self):
        self.product.chain_allocation_rule = "min_first"
        self.env["stock.warehouse.orderpoint"].create(
            {"warehouse_id": self.wh_b.id, "location_id": self.wh_b.lot_stock_id.id, "product_id": self.product.id,
             "product_min_qty": 12, "product_max_qty": 24, "trigger": "manual"}
        )  # fmt: skip
        allocation = self._allocation()
        allocation.action_load_requests()
        allocation.action_allocate()
        by_store = {line.store_id: line for line in allocation.line_ids if line.product_id == self.product}
        self.assertEqual(by_store[self.store_b].allocated_qty, 12.0)
        self.assertEqual(by_store[self.store_a].allocated_qty, 6.0)

    def test_store_with_nothing_allocated_is_cancelled(self):
        allocation = self._allocation()
        allocation.action_load_requests()
        allocation.action_allocate()
        line_b = allocation.line_ids.filtered(lambda line: line.store_id == self.store_b)
        line_b.allocated_qty = 0
        self.assertEqual(line_b.cut_reason, "manual")
        allocation.action_submit()
        allocation.action_done()
        self.assertRecordValues(
            self._request(self.order_b, self.product),
            [{"state": "cancel", "chain_allocated_qty": 0.0, "chain_cut_reason": "manual"}],
        )
        self.assertEqual(self.order_b.chain_state, "done")

    def test_cannot_ship_more_than_the_dc_has(self):
        allocation = self._allocation()
        allocation.action_load_requests()
        allocation.action_allocate()
        allocation.line_ids.filtered(lambda line: line.store_id == self.store_b).allocated_qty = 12
        allocation.action_submit()
        with self.assertRaises(UserError):
            allocation.action_done()
        self.assertEqual(allocation.state, "approved")
        self.assertEqual(self._request(self.order_b, self.product).state, "draft")

    def test_loaded_requests_are_not_loaded_twice(self):
        first = self._allocation()
        first.action_load_requests()
        second = self._allocation()
        second.action_load_requests()
        self.assertFalse(second.line_ids)
        first.action_cancel()
        second.action_load_requests()
        self.assertEqual(len(second.line_ids), 3)

    def test_requisitions_waiting_for_approval_are_not_loaded(self):
        self.env.company.chain_requisition_approval = True
        waiting = self._requisition(self.store_b, [(self.wipes, 3)])
        allocation = self._allocation()
        allocation.action_load_requests()
        self.assertNotIn(waiting, allocation.line_ids.order_id)

    def test_hq_push_allocation_without_requisition(self):
        allocation = self._allocation(
            origin="push",
            line_ids=[Command.create({"store_id": self.store_b.id, "product_id": self.wipes.id, "requested_qty": 30})],
        )
        allocation.action_submit()  # allocates on the way
        self.assertRecordValues(allocation.line_ids, [{"allocated_qty": 30.0, "cut_reason": "full"}])
        allocation.action_done()
        order = allocation.order_ids
        self.assertRecordValues(
            order, [{"chain_store_id": self.store_b.id, "chain_origin": "push", "chain_state": "done", "state": "open"}]
        )
        self.assertRecordValues(
            order.stock_request_ids,
            [{"product_id": self.wipes.id, "chain_allocated_qty": 30.0, "product_uom_qty": 30.0}],
        )
        self.assertEqual(allocation.line_ids.request_id, order.stock_request_ids)
        self.assertTrue(order.picking_ids)

    def test_allocation_approval_setting(self):
        self.env.company.chain_allocation_approval = True
        allocation = self._allocation(user=self.region_manager)
        allocation.action_load_requests()
        allocation.action_submit()
        self.assertEqual(allocation.state, "to_approve")
        with self.assertRaises(UserError):
            allocation.action_done()
        allocation.with_user(self.chain_manager).action_approve()
        self.assertRecordValues(allocation, [{"state": "approved", "approved_by_id": self.chain_manager.id}])
        allocation.action_reset_draft()
        self.assertEqual(allocation.state, "draft")

    def test_store_staff_cannot_allocate(self):
        allocation = self._allocation()
        allocation.action_load_requests()
        with self.assertRaises(AccessError):
            allocation.with_user(self.staff_a).action_allocate()
        with self.assertRaises(AccessError):
            self.env["chain.replenish.allocation"].with_user(self.staff_a).create({"dc_id": self.dc.id})
        self.assertFalse(allocation.line_ids.filtered("cut_reason"))

    def test_region_manager_allocates(self):
        """Issue 20: a region manager allocates the DC's stock to their regions' stores (A); the
        requisitions of other regions (B) wait for headquarters or their own region manager."""
        allocation = self._allocation(user=self.region_manager)
        allocation.action_load_requests()
        self.assertEqual(allocation.sudo().line_ids.store_id, self.store_a, "only the region's stores")
        self.assertEqual(allocation.line_ids.store_id, self.store_a)
        hq_allocation = self._allocation()
        hq_allocation.action_load_requests()
        self.assertEqual(hq_allocation.line_ids.store_id, self.store_b, "the DC serves every region")
        allocation.action_submit()
        allocation.action_done()
        self.assertEqual(allocation.state, "done")

    def test_shipped_allocation_cannot_be_deleted_or_cancelled(self):
        allocation = self._allocation()
        allocation.action_load_requests()
        allocation.action_submit()
        allocation.action_done()
        with self.assertRaises(UserError):
            allocation.action_cancel()
        with self.assertRaises(UserError):
            allocation.unlink()

    def test_a_moved_request_keeps_its_company(self):
        """stock_request's rule, checked for a whole batch at once: the moves of a request stay
        in the request's company."""
        allocation = self._allocation()
        allocation.action_load_requests()
        allocation.action_allocate()
        allocation.action_submit()
        allocation.action_done()
        moves = self._request(self.order_a, self.product).move_ids
        self.assertTrue(moves.allocation_ids)
        other = self.env["res.company"].create({"name": "Other Chain Co."})
        with self.assertRaisesRegex(ValidationError, "company of the stock request"):
            moves.write({"company_id": other.id})
