import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMemberPoints(ChainMemberCase):
    def _lines(self, member):
        return self.env["chain.member.points.line"].search([("member_id", "=", member.id)], order="id")

    def test_fifo_redemption_and_expiry(self):
        member = self.member_a
        with freeze_time("2025-06-01 10:00:00"):
            a1 = self._award(member, 100)
        with freeze_time("2026-01-10 10:00:00"):
            a2 = self._award(member, 50)
            self.env.company.write({"chain_member_points_validity": "months", "chain_member_points_months": 3})
            a3 = self._award(member, 20)  # awarded last, expires first
        self.assertEqual(
            [a1.expiry_date, a2.expiry_date, a3.expiry_date],
            [datetime.date(2026, 12, 31), datetime.date(2027, 12, 31), datetime.date(2026, 4, 10)],
        )
        self.assertEqual(member.points_balance, 170)
        self.assertLedgerBalanced(member)
        with freeze_time("2026-02-01 10:00:00"):
            redeemed = self.env["chain.member.points.line"].browse(
                member.with_user(self.staff_a).action_redeem_points(110, "POS/0001")
            )
        self.assertRecordValues(redeemed, [{"kind": "redeem", "points": -110, "remaining": 0, "reason": "POS/0001"}])
        self.assertEqual([a3.remaining, a1.remaining, a2.remaining], [0, 10, 50])
        self.assertEqual(member.points_balance, 60)
        self.assertLedgerBalanced(member)
        with freeze_time("2026-12-31 10:00:00"):
            self.assertFalse(self.env["chain.member.points.line"]._cron_expire_points())
        with freeze_time("2027-01-01 10:00:00"):
            expired = self.env["chain.member.points.line"]._cron_expire_points()
            self.assertRecordValues(
                expired, [{"kind": "expire", "points": -10, "source_line_id": a1.id, "date": datetime.date(2027, 1, 1)}]
            )
            self.assertFalse(self.env["chain.member.points.line"]._cron_expire_points(), "expires once")
        self.assertEqual([a1.remaining, a2.remaining], [0, 50])
        self.assertEqual(member.points_balance, 50)
        news = self.store_a.message_ids[0].body
        self.assertIn("10 points of 1 members of this store", news)
        self.assertIn(f"{member.code} {member.name}: 10 points", news)
        self.assertLedgerBalanced(member)
        with freeze_time("2027-01-02 10:00:00"), self.assertRaisesRegex(UserError, "has 50 points"):
            member.with_user(self.staff_a).action_redeem_points(60)
        self.assertEqual(len(self._lines(member)), 5)
        self.assertLedgerBalanced(member)

    def test_redeem_only_own_stores_members(self):
        self._award(self.member_b, 30)
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.staff_a).action_redeem_points(10)
        with self.assertRaises(UserError):
            self.member_b.with_user(self.staff_b).action_redeem_points(0)
        self.member_b.with_user(self.staff_b).action_redeem_points(10)
        self.assertEqual(self.member_b.points_balance, 20)

    def test_ledger_is_written_by_no_role(self):
        award = self._award(self.member_a, 30)
        for user in (self.staff_a, self.manager_a, self.chain_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    award.with_user(user).write({"remaining": 300})
                with self.assertRaises(AccessError):
                    self.env["chain.member.points.line"].with_user(user).create(
                        {"member_id": self.member_a.id, "kind": "award", "points": 500, "remaining": 500}
                    )
        self.assertEqual(self.member_a.points_balance, 30)

    def test_manual_adjustment_by_manager_with_reason(self):
        member = self.member_a
        with self.assertRaisesRegex(AccessError, "store manager"):
            member.with_user(self.staff_a).action_adjust_points(100, "Friend of the staff")
        with self.assertRaisesRegex(UserError, "reason"):
            member.with_user(self.manager_a).action_adjust_points(100, "  ")
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.manager_a).action_adjust_points(100, "Not my store")
        wizard = (
            self.env["chain.member.points.adjust"]
            .with_user(self.manager_a)
            .create({"member_id": member.id, "points": 30, "reason": "Birthday gift"})
        )
        wizard.action_confirm()
        with self.assertRaisesRegex(UserError, "has 30 points"):
            member.with_user(self.manager_a).action_adjust_points(-40, "Correction")
        member.with_user(self.manager_a).action_adjust_points(-10, "Correction")
        self.assertRecordValues(
            self._lines(member),
            [
                {"kind": "adjust", "points": 30, "remaining": 20, "reason": "Birthday gift"},
                {"kind": "adjust", "points": -10, "remaining": 0, "reason": "Correction"},
            ],
        )
        self.assertEqual(member.points_balance, 20)
        self.assertLedgerBalanced(member)

    def test_pos_order_earns_points_with_tier_multiplier(self):
        member = self.member_a
        order = self._sale(member, 199.5)
        order._chain_member_points()  # paid twice: nothing more
        self.assertRecordValues(
            self._lines(member), [{"kind": "award", "points": 199, "remaining": 199, "pos_order_id": order.id}]
        )
        member.sudo()._chain_set_tiers(self.tiers, datetime.date.today())  # 199.5 spent: no tier
        self.assertFalse(member.tier_id)
        self.member_a.sudo().write({"tier_id": self.silver.id})  # as the tier review would
        self._sale(member, 100.0)
        self.assertEqual(self._lines(member)[-1].points, 150)
        self._sale(self.member_b, 100.0)  # a member of store B earns in store A too
        self.assertEqual(self.member_b.points_balance, 100)
        anonymous = self._pos_order(self.config_a, amount=50.0)
        anonymous.action_pos_order_paid()
        self.assertFalse(self.env["chain.member.points.line"].search([("pos_order_id", "=", anonymous.id)]))
        self.assertLedgerBalanced(member)

    def test_refund_takes_back_the_orders_points(self):
        member = self.member_a
        order = self._sale(member, 199.5)
        self._sale(member, 50.0)
        refund = self._refund(order, 100.0)
        reversal = self._lines(member)[-1]
        self.assertRecordValues(
            reversal,
            [
                {
                    "kind": "reversal",
                    "points": -99,
                    "pos_order_id": refund.id,
                    "source_line_id": self._lines(member)[0].id,
                }
            ],
        )
        self.assertEqual(self._lines(member)[0].remaining, 100, "taken from the refunded order's own award")
        self.assertEqual(member.points_balance, 150)
        self.assertLedgerBalanced(member)

    def test_refund_of_spent_points_blocked_or_negative(self):
        member = self.member_a
        order = self._sale(member, 100.0)
        member.with_user(self.staff_a).action_redeem_points(100)
        with self.assertRaisesRegex(UserError, "already spent"), self.env.cr.savepoint():
            self._refund(order, 100.0)
        self.assertEqual(member.points_balance, 0)
        self.env.company.chain_member_allow_negative_points = True
        self._refund(order, 100.0)
        self.assertEqual(member.points_balance, -100)
        self.assertLedgerBalanced(member)
        self._sale(member, 150.0)  # the next award pays the debt first
        self.assertRecordValues(self._lines(member)[-1], [{"points": 150, "remaining": 50}])
        self.assertEqual(member.points_balance, 50)
        self.assertLedgerBalanced(member)
