import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChainMemberCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestMemberNightlyJobs(ChainMemberCase):
    """The nightly jobs tell each store once, and cost the same whatever the number of members."""

    def _members(self, count, store, prefix):
        Member = self.env["chain.member"]
        return Member.union(
            *(
                Member.create(
                    {"name": f"{prefix} {index} (test)", "mobile": f"1{prefix}{index:08d}", "home_store_id": store.id}
                )
                for index in range(count)
            )
        )

    def _queries(self, job):
        """The number of SQL queries ``job`` runs, from a cold cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        job()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _news(self, store, since):
        return store.message_ids.filtered(lambda message: message.id > since).sorted("id")

    def test_expiry_tells_each_store_once(self):
        with freeze_time("2025-03-01 10:00:00"):
            many_a = self._members(3, self.store_a, "35")
            for points, member in zip((30, 20, 10), many_a, strict=True):
                self._award(member, points)
            self._award(self.member_b, 5)
        self._award(self.member_a, 99)  # awarded today: not expiring
        last_message = max(self.env["mail.message"].search([], limit=1, order="id desc").ids)
        with freeze_time("2027-01-01 03:00:00"):
            expired = self.env["chain.member.points.line"]._cron_expire_points()
        self.assertEqual(sorted(expired.mapped("points")), [-30, -20, -10, -5])
        self.assertEqual(set(expired.mapped("kind")), {"expire"})
        [news_a] = self._news(self.store_a, last_message)
        self.assertIn("60 points of 3 members of this store", news_a.body)
        self.assertLess(news_a.body.index(many_a[0].code), news_a.body.index(many_a[2].code), "most points first")
        [news_b] = self._news(self.store_b, last_message)
        self.assertIn(f"{self.member_b.code} {self.member_b.name}: 5 points", news_b.body)
        for member in many_a | self.member_a | self.member_b:
            self.assertLedgerBalanced(member)
        self.assertEqual(self.member_a.points_balance, 99)
        self.assertEqual(many_a.mapped("points_balance"), [0, 0, 0])

    def test_expiry_job_costs_the_same_for_2_or_12_members(self):
        """Set-based: after a first run (caches warm), 2 or 12 members expiring cost the same queries."""
        Line = self.env["chain.member.points.line"]
        groups = [self._members(count, self.store_a, prefix) for count, prefix in ((1, "35"), (2, "36"), (12, "37"))]
        costs = []
        for year, members in zip((2025, 2026, 2027), groups, strict=True):
            with freeze_time(f"{year}-03-01 10:00:00"):
                for member in members:
                    self._award(member, 10)
            with freeze_time(f"{year + 2}-01-01 03:00:00"):
                costs.append(self._queries(Line._cron_expire_points))
            self.assertEqual(members.mapped("points_balance"), [0] * len(members))
        self.assertEqual(costs[2], costs[1], f"queries for 1, 2 and 12 members: {costs}")

    def test_tier_review_tells_each_store_once_and_costs_the_same(self):
        """Set-based: after a first run (caches warm), 2 or 12 members leaving Gold cost the same queries."""
        groups = [self._members(count, self.store_a, prefix) for count, prefix in ((1, "35"), (2, "36"), (12, "37"))]
        last_message = max(self.env["mail.message"].search([], limit=1, order="id desc").ids)
        costs = []
        for day, members in zip((2, 3, 4), groups, strict=True):
            # Gold without spend: each review takes one group down to no tier
            self.env.cr.execute(
                "UPDATE chain_member SET tier_id = %s WHERE id IN %s", [self.gold.id, tuple(members.ids)]
            )
            with freeze_time(f"2026-05-0{day} 02:00:00"):
                costs.append(self._queries(self.env["chain.member"]._cron_recompute_tiers))
            self.assertEqual(members.mapped("tier_id"), self.env["chain.member.tier"])
        self.assertEqual(costs[2], costs[1], f"queries for 1, 2 and 12 members: {costs}")
        news = self._news(self.store_a, last_message)
        self.assertEqual(len(news), 3, "one message per store and run")
        self.assertIn("2 members of this store changed tier", news[1].body)
        few = groups[1]
        self.assertIn(f"{few[0].code} {few[0].name}: Gold → no tier", news[1].body)
        self.assertIn("12 members of this store changed tier", news[2].body)
        self.assertFalse(self._news(self.store_b, last_message))
        everyone = self.env["chain.member"].union(*groups)
        self.assertEqual(self.env["chain.member.tier.history"].search_count([("member_id", "in", everyone.ids)]), 15)
