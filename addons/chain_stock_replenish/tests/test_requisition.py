from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainReplenishCase


@tagged("post_install", "-at_install")
class TestRequisition(ChainReplenishCase):
    def _suggest(self, user):
        self._sales(self.store_a, self.product, [2] * 28)
        return (
            self.env["chain.replenish.suggestion"]
            .with_user(user)
            ._chain_compute_suggestions(self.store_a.with_user(user), today=self.today)
        )

    def test_store_submits_adjusted_suggestions_as_a_requisition(self):
        line = self._suggest(self.staff_a)
        line.qty = 24  # the store manager knows a promotion is coming
        action = line.action_submit()
        order = self.env["stock.request.order"].search(action["domain"])
        self.assertRecordValues(
            order,
            [{"chain_store_id": self.store_a.id, "chain_state": "approved", "chain_origin": "pull", "state": "draft",
              "warehouse_id": self.wh_a.id}],
        )  # fmt: skip
        self.assertRecordValues(
            order.stock_request_ids,
            [{"product_id": self.product.id, "product_uom_qty": 24.0, "chain_requested_qty": 24.0}],
        )
        self.assertEqual(order.stock_request_ids.route_id, self.store_a._chain_replenish_route())
        self.assertRecordValues(line, [{"state": "submitted", "order_id": order.id}])
        with self.assertRaises(UserError):
            line.action_submit()

    def test_zero_quantity_lines_close_without_requisition(self):
        line = self._suggest(self.staff_a)
        line.qty = 0
        self.assertTrue(line.action_submit())
        self.assertRecordValues(line, [{"state": "submitted", "order_id": False}])

    def test_resupply_route_goes_from_dc_through_transit(self):
        route = self.store_a._chain_replenish_route()
        self.assertIn(self.wh_dc, self.wh_a.resupply_wh_ids)
        self.assertEqual(route.supplier_wh_id, self.wh_dc)
        self.assertIn(self.wh_dc.lot_stock_id, route.rule_ids.location_src_id)
        self.assertIn(self.wh_a.lot_stock_id, route.rule_ids.location_dest_id)
        self.assertEqual(self.store_a._chain_replenish_route(), route, "the route is created once")

    def test_approval_setting_makes_a_manager_approve(self):
        self.env.company.chain_requisition_approval = True
        order = self._requisition(self.store_a, [(self.product, 12)], user=self.staff_a)
        self.assertEqual(order.chain_state, "to_approve")
        with self.assertRaises(AccessError):
            order.with_user(self.staff_a).action_approve()
        order.with_user(self.manager_a).action_approve()
        self.assertRecordValues(order, [{"chain_state": "approved", "chain_approved_by_id": self.manager_a.id}])

    def test_manager_of_another_store_cannot_approve(self):
        self.env.company.chain_requisition_approval = True
        manager_b = self._user("t_manager_b", "chain_store.group_chain_store_manager", self.store_b)
        order = self._requisition(self.store_a, [(self.product, 12)])
        with self.assertRaises(AccessError):
            order.with_user(manager_b).action_approve()
        self.assertEqual(order.chain_state, "to_approve")

    def test_requisition_is_not_confirmed_before_approval(self):
        self.env.company.chain_requisition_approval = True
        order = self._requisition(self.store_a, [(self.product, 12)])
        with self.assertRaises(UserError):
            order.action_confirm()
        self.assertFalse(order.picking_ids)

    def test_a_requisition_line_is_not_confirmed_on_its_own(self):
        """Confirming a line of the requisition (an RPC on stock.request) passes the same checks."""
        self.env.company.chain_requisition_approval = True
        order = self._requisition(self.store_a, [(self.product, 12)])
        with self.assertRaises(UserError):
            order.stock_request_ids.action_confirm()
        order.action_approve()
        with self.assertRaises(AccessError):
            order.stock_request_ids.with_user(self.staff_a).action_confirm()
        self.assertEqual(order.stock_request_ids.state, "draft")
        self.assertFalse(order.picking_ids)

    def test_store_staff_cannot_confirm_an_approved_requisition(self):
        order = self._requisition(self.store_a, [(self.product, 12)], user=self.staff_a)
        with self.assertRaises(AccessError):
            order.with_user(self.staff_a).action_confirm()
        self.assertEqual(order.stock_request_ids.state, "draft")

    def test_reset_and_cancel(self):
        order = self._requisition(self.store_a, [(self.product, 12)])
        order.action_reset_draft()
        self.assertEqual(order.chain_state, "draft")
        order.stock_request_ids.product_uom_qty = 18
        order.action_submit()
        self.assertEqual(order.stock_request_ids.chain_requested_qty, 18.0)
        order.action_cancel()
        self.assertRecordValues(order, [{"chain_state": "cancel", "state": "cancel"}])
        order.action_reset_draft()
        self.assertRecordValues(order, [{"chain_state": "draft", "state": "draft"}])

    def test_submit_needs_lines_and_a_store(self):
        empty = self.env["stock.request.order"].create(
            {"warehouse_id": self.wh_a.id, "location_id": self.wh_a.lot_stock_id.id}
        )
        with self.assertRaises(UserError):
            empty.action_submit()
        warehouse = self.env["stock.warehouse"].create({"name": "Not a store", "code": "TNS"})
        other = self.env["stock.request.order"].create(
            {
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "stock_request_ids": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_id": self.product.uom_id.id,
                         "product_uom_qty": 1, "warehouse_id": warehouse.id,
                         "location_id": warehouse.lot_stock_id.id}
                    )
                ],
            }
        )  # fmt: skip
        self.assertFalse(other.chain_store_id)
        with self.assertRaises(UserError):
            other.action_submit()
        other.action_confirm()  # not a store requisition: OCA's behaviour is kept
        self.assertEqual(other.state, "open")

    def test_dc_must_be_a_distribution_centre(self):
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            self.store_a.replenish_dc_id = self.store_b
