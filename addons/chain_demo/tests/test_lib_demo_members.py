"""Tests of ``chain_demo.lib.demo_members``: no database, no ORM."""

import doctest
import unittest
from datetime import date, timedelta

from odoo.addons.chain_demo.lib import demo_members
from odoo.addons.chain_member.lib import baby as baby_lib

TODAY = date(2026, 3, 2)


def _expiry(day):
    return date(day.year + 1, 12, 31)


class TestMemberPlan(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = demo_members.member_plan(300, ["A", "B", "C"], TODAY)

    def test_same_arguments_same_plan_and_unique_mobiles(self):
        self.assertEqual(self.plan, demo_members.member_plan(300, ["A", "B", "C"], TODAY))
        self.assertEqual(len({m.mobile for m in self.plan}), len(self.plan))
        self.assertEqual(len(self.plan), 304, "300 members and 4 duplicates")

    def test_babies_of_every_stage_and_moments_that_fall_now(self):
        months = []
        for member in self.plan:
            for baby in member.babies:
                born, due = demo_members.birth_or_due(baby, TODAY)
                months.append(None if due else baby_lib.age_months(born, TODAY))
                self.assertTrue(born <= TODAY if born else due)
        stages = {baby_lib.formula_stage(m) for m in months if m is not None}
        self.assertEqual(stages, {"1", "2", "3", None}, "0-6, 6-12, 12-36 months and older")
        self.assertIn(None, months, "expected babies")
        first, last = baby_lib.moment_window(TODAY, lead_days=baby_lib.STAGE_LEAD_DAYS)
        changing = [
            b
            for m in self.plan
            for b in m.babies
            if b.kind == "born"
            and any(
                first <= baby_lib.add_months(TODAY - timedelta(days=b.days), months) <= last
                for months, _stage in baby_lib.stage_changes()
            )
        ]
        self.assertGreaterEqual(len(changing), 5)
        due = [b for m in self.plan for b in m.babies if b.kind == "expected" and b.days <= 0]
        self.assertTrue(due)

    def test_spend_reaches_every_tier(self):
        spends = [sum(o.amount for o in m.orders) for m in self.plan if m.orders]
        for low, high in ((0, 2000), (2000, 8000), (8000, 20000), (20000, 10**6)):
            self.assertTrue([s for s in spends if low <= s < high], f"a member spends {low}-{high}")
        self.assertTrue(all(o.days < 365 for m in self.plan for o in m.orders), "the rolling year")

    def test_duplicates_follow_each_rule_of_the_finder(self):
        dups = [m for m in self.plan if isinstance(m.key, tuple)]
        by_key = {m.key: m for m in self.plan}
        self.assertEqual(len(dups), 4)
        for dup in dups:
            first = by_key[dup.key[1]]
            self.assertNotEqual(dup.mobile, first.mobile)
            same_baby = dup.name == first.name and {b.days for b in dup.babies} & {b.days for b in first.babies}
            same_identity = {e for _s, e in dup.identities} & {e for _s, e in first.identities}
            same_phone = dup.contact_phone == first.mobile
            self.assertTrue(same_baby or same_identity or same_phone, dup)

    def test_ledger_balances_and_some_points_expire_within_30_days(self):
        expiring = 0
        for member in self.plan:
            rows = demo_members.ledger_plan(member, TODAY, lambda o: int(o.amount), _expiry)
            self.assertEqual(sum(r["points"] for r in rows), sum(r["remaining"] or 0 for r in rows))
            self.assertTrue(all((r["remaining"] or 0) >= 0 for r in rows))
            expiring += any(r["remaining"] and TODAY <= r["expiry_date"] <= TODAY + timedelta(days=30) for r in rows)
        self.assertGreaterEqual(expiring, 30)
        redeemed = [m for m in self.plan if any(r["kind"] == "redeem" for r in demo_members.ledger_plan(
            m, TODAY, lambda o: int(o.amount), _expiry))]  # fmt: skip
        self.assertGreaterEqual(len(redeemed), 20)


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(demo_members).failed, 0)
