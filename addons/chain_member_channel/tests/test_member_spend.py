from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MemberChannelCommon


@tagged("post_install", "-at_install")
class TestMemberChannelSpend(MemberChannelCommon):
    """Channel orders count in the member's rolling spend (the tiers), minus refunds; an
    identity and a mobile of two members are noted on the order; the job's fields are its own."""

    def _spend(self, member, today=None):
        today = today or fields.Date.context_today(member)
        return self.env["chain.member"]._chain_rolling_spend(member, today).get(member.id, 0.0)

    def test_channel_orders_count_in_the_tier_spend_minus_refunds(self):
        self.assertEqual(self._spend(self.wang), 0.0)
        self._post(self._order_body("S1", open_id="wx-wang"))
        self._post(self._order_body("S2", open_id="wx-wang", lines=[{"sku": "SKU-W", "qty": 1, "price_unit": 20.0}]))
        first, second = self._orders("S1"), self._orders("S2")
        self.assertEqual(self._spend(self.wang), first.amount_total + second.amount_total)
        # a cancellation before delivery, and a refund after delivery, both leave the spend
        self._post(self._body(order_id="S2", event="order_cancelled", updated_at="2026-11-23T11:00:00"))
        self.assertEqual(self._spend(self.wang), first.amount_total)
        self._ship(first)
        self._post(self._body(order_id="S1", event="refund_requested", updated_at="2026-11-23T12:00:00"))
        self.assertEqual(self._spend(self.wang), 0.0)
        # a buyer who is no member adds to nobody's spend
        self._post(self._order_body("S3", phone="13700000000"))
        self.assertEqual(self._spend(self.li), 0.0)

    def test_channel_spend_lifts_the_tier_in_the_nightly_review(self):
        gold = self.env["chain.member.tier"].create({"name": "Gold (test)", "threshold": 150, "sequence": 20})
        self._post(self._order_body("T1", open_id="wx-wang"))  # 2 x 89
        self.env["chain.member"]._cron_recompute_tiers()
        self.assertEqual(self.wang.tier_id, gold)
        self.assertFalse(self.li.tier_id)
        # a year and a day later the order has left the rolling window
        order_date = self._orders("T1").date_order
        with freeze_time(order_date + timedelta(days=367)):
            self.assertEqual(self._spend(self.wang), 0.0)

    def test_identity_and_mobile_of_two_members_are_noted_on_the_order(self):
        self._post(self._order_body("C1", open_id="wx-wang", phone="13900001111"))
        order = self._orders("C1")
        self.assertEqual(order.partner_id, self.wang.partner_id)
        notes = order.message_ids.filtered(lambda m: self.li.code in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn(self.wang.code, notes.body)
        # one member by both: no note
        self._post(self._order_body("C2", open_id="wx-wang", phone="13812345678"))
        self.assertFalse(self._orders("C2").message_ids.filtered(lambda m: "merge" in (m.body or "")))

    def test_store_staff_cannot_write_the_jobs_fields(self):
        self._post(self._order_body("G1", open_id="wx-wang"))
        order = self._orders("G1")
        self._ship(order)
        award = self._ledger(self.wang)
        with self.assertRaises(AccessError):
            order.with_user(self.staff_b).write({"chain_channel_refund_date": fields.Datetime.now()})
        with self.assertRaises(AccessError):
            award.with_user(self.staff_b).write({"sale_order_id": False})
        # staff of another store read neither the member's ledger nor its order's award
        with self.assertRaises(AccessError):
            award.with_user(self.staff_c).read(["points"])
        self.assertFalse(
            self.env["chain.member.points.line"].with_user(self.staff_c).search([("sale_order_id", "=", order.id)])
        )
