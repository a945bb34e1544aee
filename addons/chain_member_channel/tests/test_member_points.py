import math

import psycopg2

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MemberChannelCommon


@tagged("post_install", "-at_install")
class TestMemberChannelPoints(MemberChannelCommon):
    """A member's channel order earns its points when delivered, once; a refund takes them back."""

    def _delivered_order(self, order_id, open_id="wx-wang", lines=None):
        self._post(self._order_body(order_id, open_id=open_id, lines=lines))
        order = self._orders(order_id)
        self.assertEqual(order.partner_id, self.wang.partner_id)
        self.assertFalse(self._ledger(self.wang), "no points before delivery")
        self._ship(order)
        return order

    def test_points_earned_on_delivery_once(self):
        order = self._delivered_order("P1")
        [award] = self._ledger(self.wang)
        expected = math.floor(order.amount_total + 1e-9)
        self.assertRecordValues(
            award, [{"kind": "award", "points": expected, "remaining": expected, "sale_order_id": order.id}]
        )
        self.assertEqual(self.wang.points_balance, expected)
        # the delivery's hook running again (a second validation, a retried job) earns nothing more
        order._chain_member_award_points()
        self.assertEqual(len(self._ledger(self.wang)), 1)

    def test_the_database_refuses_a_second_award_of_an_order(self):
        order = self._delivered_order("P2")
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation), self.env.cr.savepoint():
            line = self.wang.sudo()._chain_award_points(5, "award")
            line.sale_order_id = order
            line.flush_recordset()

    def test_tier_multiplier_and_category_factor(self):
        tier = self.env["chain.member.tier"].create({"name": "Gold (test)", "threshold": 0, "points_multiplier": 2.0})
        self.wang.sudo()._chain_set_tiers(tier, self.wang.join_date)
        self.assertEqual(self.wang.tier_id, tier)
        categ = self.env["product.category"].create({"name": "Formula (test)", "chain_member_points_factor": 0.5})
        self.wipes.categ_id = categ
        order = self._delivered_order(
            "P3",
            lines=[{"sku": "SKU-D", "qty": 1, "price_unit": 100.0}, {"sku": "SKU-W", "qty": 2, "price_unit": 10.0}],
        )
        by_product = {line.product_id: line.price_total for line in order.order_line}
        expected = math.floor((by_product[self.diapers] + by_product[self.wipes] * 0.5) * 2.0 + 1e-9)
        self.assertEqual(self._ledger(self.wang).points, expected)
        self.assertEqual(self._ledger(self.wang).multiplier, 2.0)

    def test_non_member_order_earns_nothing(self):
        self._post(self._order_body("P4", phone="13700000000"))
        self._ship(self._orders("P4"))
        self.assertFalse(self.env["chain.member.points.line"].search([("sale_order_id", "=", self._orders("P4").id)]))

    def test_refund_after_delivery_takes_the_points_back_once(self):
        order = self._delivered_order("R1")
        earned = self.wang.points_balance
        self._post(self._body(order_id="R1", event="refund_requested", updated_at="2026-11-23T12:00:00"))
        self._post(self._body(order_id="R1", event="order_cancelled", updated_at="2026-11-23T12:05:00"))
        self.assertEqual(set(self._messages().mapped("state")), {"done"})
        award, reversal = self._ledger(self.wang)
        self.assertRecordValues(
            reversal, [{"kind": "reversal", "points": -earned, "source_line_id": award.id, "sale_order_id": order.id}]
        )
        self.assertEqual(award.remaining, 0)
        self.wang.invalidate_recordset()
        self.assertEqual(self.wang.points_balance, 0)
        self.assertTrue(order.chain_channel_refund_date)
        # the parcel comes back: validating the return earns nothing again
        returns = self.env["stock.picking"].search([("return_id", "in", order.picking_ids.ids)])
        returns.move_ids.picked = True
        returns._action_done()
        self.assertEqual(len(self._ledger(self.wang)), 2)

    def test_cancel_before_delivery_earns_nothing(self):
        self._post(self._order_body("R2", open_id="wx-wang"))
        self._post(self._body(order_id="R2", event="order_cancelled", updated_at="2026-11-23T11:00:00"))
        order = self._orders("R2")
        self.assertEqual(order.state, "cancel")
        self.assertFalse(self._ledger(self.wang))

    def test_refund_of_spent_points_needs_attention_and_retry_settles_it(self):
        order = self._delivered_order("R3")
        earned = self.wang.points_balance
        self.wang.sudo()._chain_consume_points(earned - 10, "redeem", reason="spent at the till")
        self._post(self._body(order_id="R3", event="refund_requested", updated_at="2026-11-23T12:00:00"))
        message = self._messages().filtered(lambda m: m.event == "refund_requested")
        self.assertEqual(message.state, "attention")
        self.assertIn(self.wang.code, message.reason)
        self.assertIn("already spent", message.reason)
        self.assertIn("return", message.reason.lower(), "the core's note on the return is kept")
        # the goods still come back: the platform refunded the buyer
        self.assertTrue(self.env["stock.picking"].search([("return_id", "in", order.picking_ids.ids)]))
        self.assertEqual(self.wang.points_balance, 10)
        # the manager allows a negative balance, then retries
        self.env.company.chain_member_allow_negative_points = True
        message.action_retry()
        self.assertEqual(message.state, "done")
        self.wang.invalidate_recordset()
        self.assertEqual(self.wang.points_balance, 10 - earned)
        self.assertEqual(self._ledger(self.wang)[-1].kind, "reversal")
