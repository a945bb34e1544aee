from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_actions import ChainCaseActionsCase


@tagged("post_install", "-at_install")
class TestCaseActions(ChainCaseActionsCase):
    """Refund, exchange, return to the supplier and compensation in points, from the case form."""

    def _refunds(self, line):
        return self.env["pos.order.line"].search([("refunded_orderline_id", "=", line.id)]).order_id

    # -- refund / exchange ---------------------------------------------------------
    def test_refund_in_the_open_session_once(self):
        action = self.case.with_user(self.staff_a).action_chain_refund()
        refund = self.case.chain_refund_order_id
        self.assertEqual(action["res_id"], refund.id)
        self.assertEqual(refund.session_id, self.pos_a.current_session_id)
        self.assertEqual(refund.state, "paid")
        self.assertEqual(refund.partner_id, self.wang.partner_id)
        self.assertRecordValues(refund.lines, [{"qty": -2, "refunded_orderline_id": self.line.id}])
        self.assertEqual(refund.lines.pack_lot_ids.lot_name, "F-BAD")
        self.assertAlmostEqual(refund.amount_paid, refund.amount_total)
        self.assertLess(refund.amount_total, 0)
        self.assertEqual(self.line.refunded_qty, 2)
        self.assertFalse(self.case.chain_exchange)
        self.assertIn(refund.name, self.case.message_ids[:1].body)
        # a second click (or a second user) refunds nothing more
        self.case.with_user(self.manager_a).action_chain_refund()
        self.assertEqual(self._refunds(self.line), refund)
        # another case on the same line: the line is refunded already
        other = self._case(category=self.categ_service)
        with self.assertRaisesRegex(UserError, "already refunded"):
            other.with_user(self.staff_a).action_chain_refund()

    def test_exchange_nets_to_zero(self):
        Quant = self.env["stock.quant"]
        others = Quant.search(
            [("product_id", "=", self.formula.id), ("lot_id", "!=", self.bad.id), ("quantity", ">", 0),
             ("location_id", "child_of", self.wh_a.lot_stock_id.id)]
        )  # fmt: skip
        for quant in others:  # the store holds no other lot of the formula: nothing to give
            Quant._update_available_quantity(self.formula, quant.location_id, -quant.quantity, lot_id=quant.lot_id)
        with self.assertRaisesRegex(UserError, "No other lot"):
            self.case.with_user(self.manager_a).action_chain_exchange()
        self.assertFalse(self.case.chain_refund_order_id, "nothing refunded without a lot to give")
        Quant._update_available_quantity(self.formula, self.wh_a.lot_stock_id, 5, lot_id=self.good)
        self.case.with_user(self.manager_a).action_chain_exchange()
        order = self.case.chain_refund_order_id
        self.assertTrue(self.case.chain_exchange)
        self.assertEqual(sorted(order.lines.mapped("qty")), [-2, 2])
        given = order.lines.filtered(lambda line: line.qty > 0)
        self.assertEqual(given.pack_lot_ids.mapped("lot_name"), ["F-GOOD"], "the customer takes another lot home")
        self.assertAlmostEqual(order.amount_total, 0.0)
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.line.refunded_qty, 2)

    def test_refund_needs_an_open_till(self):
        session = self.pos_a.current_session_id
        session.state = "closed"
        with self.assertRaisesRegex(UserError, "open session"):
            self.case.with_user(self.staff_a).action_chain_refund()
        self.assertFalse(self.case.chain_refund_order_id)

    def test_refund_refused_to_another_store_and_without_a_line(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.staff_b).action_chain_refund()
        self.assertFalse(self._refunds(self.line))
        sold_in_b = self._case(line=self.order_known_b.lines)
        with self.assertRaisesRegex(UserError, "sold by another store"):
            sold_in_b.with_user(self.manager_a).action_chain_refund()
        self.assertFalse(self._refunds(self.order_known_b.lines))
        no_line = self._case(line=self.env["pos.order.line"], chain_pos_order_id=False)
        with self.assertRaisesRegex(UserError, "no POS order line"):
            no_line.with_user(self.staff_a).action_chain_refund()

    def test_results_are_not_writable(self):
        refund = self.order_anon_a
        for user in (self.staff_a, self.manager_a, self.quality):
            with self.assertRaises(AccessError):
                self.case.with_user(user).write({"chain_refund_order_id": refund.id})
            with self.assertRaises(AccessError):
                self.case.with_user(user).write({"chain_points_compensated": 1000})

    # -- return to the supplier ---------------------------------------------------------
    def test_return_to_the_supplier_of_the_receipt(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.staff_a).action_chain_return_supplier()
        self.case.with_user(self.manager_a).action_chain_return_supplier()
        picking = self.case.chain_return_picking_id
        self.assertEqual(picking.return_id, self.receipt)
        self.assertEqual(picking.partner_id, self.supplier)
        self.assertEqual(picking.location_id, self.shelf_a)
        self.assertEqual(picking.move_ids.product_uom_qty, 2, "the case's line quantity")
        self.assertEqual(picking.move_line_ids.lot_id, self.bad)
        self.case.with_user(self.quality).action_chain_return_supplier()
        self.assertEqual(self.env["stock.picking"].search_count([("return_id", "=", self.receipt.id)]), 1)

    def test_return_without_receipt_is_explained(self):
        lot = self._lot("F-NORECEIPT", 500)
        case = self._case(chain_lot_id=lot.id)
        with self.assertRaisesRegex(UserError, "No supplier receipt"):
            case.with_user(self.manager_a).action_chain_return_supplier()

    # -- compensation in points ---------------------------------------------------------
    def _compensate(self, user, case=None, points=200, reason="Sorry for the rash"):
        action = (case or self.case).with_user(user).action_chain_compensate_points()
        wizard = Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))
        wizard.points = points
        wizard.reason = reason
        return wizard.save().action_confirm()

    def test_compensation_once_by_the_store_manager(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.staff_a).action_chain_compensate_points()
        self._compensate(self.manager_a)
        self.assertEqual(self.case.chain_points_compensated, 200)
        self.assertEqual(self.wang.points_balance, 200)
        ledger = self.env["chain.member.points.line"].search([("member_id", "=", self.wang.id)])
        self.assertEqual((ledger.kind, ledger.points), ("adjust", 200))
        self.assertIn("Sorry for the rash", ledger.reason)
        with self.assertRaisesRegex(UserError, "already compensated"):
            self._compensate(self.manager_a)
        with self.assertRaisesRegex(UserError, "already compensated"):
            self.case.with_user(self.manager_a)._chain_compensate_points(100, "again")
        self.assertEqual(self.wang.points_balance, 200)

    def test_compensation_by_the_quality_team_and_bad_input(self):
        with self.assertRaisesRegex(UserError, "positive"):
            self.case.with_user(self.quality)._chain_compensate_points(-5, "no")
        with self.assertRaisesRegex(UserError, "reason"):
            self.case.with_user(self.quality)._chain_compensate_points(50, "  ")
        self._compensate(self.quality, points=50)
        self.assertEqual(self.wang.points_balance, 50)
        no_member = self._case(chain_member_id=False)
        with self.assertRaisesRegex(UserError, "no member"):
            no_member.with_user(self.quality).action_chain_compensate_points()
