from odoo.tests import tagged

from .common import PIN, ChainPosExpiryCase


@tagged("post_install", "-at_install")
class TestPosStock(ChainPosExpiryCase):
    """The session's stock moves take exactly the lots on the lines, never a FEFO substitute."""

    def _sold_lots(self, orders):
        lines = orders.picking_ids.move_line_ids | self.pos_session.picking_ids.move_line_ids
        return sorted((line.lot_id.name, line.quantity) for line in lines)

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
