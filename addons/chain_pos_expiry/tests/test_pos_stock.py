from odoo.tests import tagged

from .common import PIN, ChainPosExpiryCase


@tagged("post_install", "-at_install")
class TestPosStock(ChainPosExpiryCase):
    """The session's stock moves take exactly the lots on the lines, never a FEFO substitute."""

    def _sold_lots(self, orders):
        lines = orders.picking_ids.move_line_ids | self.pos_session.picking_ids.move_line_ids
        return sorted((line.lot_id.name or "", line.quantity) for line in lines)

    def _order_lots(self, order):
        return sorted((line.lot_id.name or "", line.quantity) for line in order.picking_ids.move_line_ids)

    def test_real_time_moves_take_the_recorded_lots(self):
        self.pos_session.update_stock_at_closing = False
        orders = self.env["pos.order"]
        # NEAR expires before FRESH (FEFO would pick NEAR); OLD goes out under an override
        for lot_name, override in (("FRESH", None), ("OLD", (self.manager_a, PIN, "date_error"))):
            order, _response = self._sync(self._order(self._line(lot_name, qty=2, override=override)))
            orders |= order
        self.assertEqual(orders.mapped("state"), ["paid", "paid"])
        self.assertEqual(self._sold_lots(orders), [("FRESH", 2.0), ("OLD", 2.0)])
        self.assertEqual(self.lots["FRESH"].product_qty, 8.0)
        self.assertEqual(self.lots["NEAR"].product_qty, 10.0)

    def test_moves_at_closing_take_the_recorded_lots(self):
        self.pos_session.update_stock_at_closing = True
        order, _response = self._sync(self._order(self._line("FRESH", qty=3)))
        self.assertFalse(order.picking_ids)
        self.pos_session.action_pos_session_closing_control()
        self.assertEqual(self.pos_session.state, "closed")
        self.assertEqual(self._sold_lots(order), [("FRESH", 3.0)])
        self.assertEqual(self.lots["NEAR"].product_qty, 10.0)

    def test_refused_order_moves_nothing_and_blocks_closing(self):
        self.pos_session.update_stock_at_closing = False
        order, _response = self._sync(self._order(self._line("OLD")))
        self.assertFalse(order.picking_ids)
        self.assertEqual(self.lots["OLD"].product_qty, 10.0)
        with self.assertRaisesRegex(Exception, "draft"):
            self.pos_session.action_pos_session_closing_control()

    def test_backlog_pickings_are_made_together_one_per_order(self):
        """A till back online sends its backlog in one call: every order still gets its own
        picking, done, with exactly its lots, and the till's answer shows it."""
        self.pos_session.update_stock_at_closing = False
        sold = self._order(self._line("FRESH", qty=2), self._line(product=self.product, qty=3))
        near = self._order(self._line("NEAR"))
        refused = self._order(self._line("OLD"))  # expired, no override: kept as a draft
        taken_back = self._order(self._line("FRESH", qty=-1))
        orders, response = self._sync(sold, near, refused, taken_back)
        by_uuid = {order.uuid: order for order in orders}
        sold, near, refused, taken_back = (by_uuid[o["uuid"]] for o in (sold, near, refused, taken_back))
        self.assertEqual([o.state for o in (sold, near, refused, taken_back)], ["paid", "paid", "draft", "paid"])
        self.assertFalse(refused.picking_ids)
        for order in (sold, near, taken_back):
            self.assertEqual(len(order.picking_ids), 1)
            self.assertEqual(order.picking_ids.state, "done")
            self.assertEqual(order.picking_ids.origin, order.name)
            self.assertEqual(order.picking_ids.pos_session_id, self.pos_session)
        self.assertEqual(self._order_lots(sold), [("", 3.0), ("FRESH", 2.0)])
        self.assertEqual(self._order_lots(near), [("NEAR", 1.0)])
        self.assertEqual(self._order_lots(taken_back), [("FRESH", 1.0)])
        self.assertEqual(taken_back.picking_ids.location_dest_id, self.config.picking_type_id.default_location_src_id)
        self.assertEqual(self.lots["FRESH"].product_qty, 9.0)
        self.assertEqual(self.lots["NEAR"].product_qty, 9.0)
        self.assertEqual(self.lots["OLD"].product_qty, 10.0)
        # the margin is computed from the moves, as for an order synced alone
        self.assertTrue(sold.is_total_cost_computed)
        self.assertAlmostEqual(sold.lines.filtered(lambda line: line.product_id == self.formula).total_cost, 300.0)
        answered = {row["id"]: row for row in response["pos.order"]}
        self.assertEqual(answered[sold.id]["picking_ids"], sold.picking_ids.ids)
        # the session closes on these pickings: nothing is moved twice
        refused.with_user(self.manager_a).action_chain_cancel_refused()
        pickings = self.pos_session.picking_ids
        self.pos_session.action_pos_session_closing_control()
        self.assertEqual(self.pos_session.state, "closed")
        self.assertEqual(self.pos_session.picking_ids, pickings)
        self.assertEqual(self.lots["FRESH"].product_qty, 9.0)

    def test_backlog_picking_that_cannot_be_validated_leaves_the_others_done(self):
        """A return of lot-tracked goods without its lot cannot be validated: that picking stays
        ready, as Odoo leaves it when it makes pickings one by one, and the rest of the backlog
        moves."""
        self.pos_session.update_stock_at_closing = False
        sold = self._order(self._line("FRESH"))
        taken_back = self._order(self._line(qty=-1))
        orders, _response = self._sync(sold, taken_back)
        by_uuid = {order.uuid: order for order in orders}
        sold, taken_back = by_uuid[sold["uuid"]], by_uuid[taken_back["uuid"]]
        self.assertEqual((sold.state, taken_back.state), ("paid", "paid"))
        self.assertEqual(sold.picking_ids.state, "done")
        self.assertEqual(taken_back.picking_ids.state, "assigned")
        self.assertEqual(self.lots["FRESH"].product_qty, 9.0)
        self.assertEqual(self.lots["NEAR"].product_qty, 10.0)
