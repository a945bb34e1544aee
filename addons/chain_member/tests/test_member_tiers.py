import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMemberTiers(ChainMemberCase):
    def _review(self, day):
        with freeze_time(f"{day} 02:00:00"):
            self.env["chain.member"]._cron_recompute_tiers()
        self.member_a.invalidate_recordset()
        return self.member_a.tier_id

    def test_tier_up_kept_and_down_over_a_rolling_year(self):
        with freeze_time("2026-01-15 10:00:00"):
            order = self._sale(self.member_a, 6000.0)
        self.assertEqual(self._review("2026-01-16"), self.gold)
        with freeze_time("2026-02-01 10:00:00"):
            self._refund(order, 2500.0)
        self.assertEqual(self._review("2026-02-02"), self.gold, "3,500 keeps Gold (保级 from 3,000)")
        with freeze_time("2026-03-01 10:00:00"):
            self._refund(order, 1000.0)
        self.assertEqual(self._review("2026-03-02"), self.silver, "2,500 is below Gold's keep level")
        self.assertEqual(self._review("2026-03-03"), self.silver, "no change, no history")
        # a year on, the January sale is out of the window; the refunds of February and March are still in it
        self.assertFalse(self._review("2027-01-20"))
        history = self.env["chain.member.tier.history"].search([("member_id", "=", self.member_a.id)], order="id")
        self.assertRecordValues(
            history,
            [
                {
                    "date": datetime.date(2026, 1, 16),
                    "old_tier_id": False,
                    "new_tier_id": self.gold.id,
                    "spend": 6000.0,
                },
                {
                    "date": datetime.date(2026, 3, 2),
                    "old_tier_id": self.gold.id,
                    "new_tier_id": self.silver.id,
                    "spend": 2500.0,
                },
                {
                    "date": datetime.date(2027, 1, 20),
                    "old_tier_id": self.silver.id,
                    "new_tier_id": False,
                    "spend": -3500.0,
                },
            ],
        )
        self.assertFalse(self.member_b.tier_id)

    def test_tier_multiplier_applies_after_upgrade(self):
        self._sale(self.member_a, 1200.0)
        self._review(datetime.date.today().isoformat())
        self.assertEqual(self.member_a.tier_id, self.silver)
        self._sale(self.member_a, 100.0)
        line = self.env["chain.member.points.line"].search([("member_id", "=", self.member_a.id)], limit=1)
        self.assertRecordValues(line, [{"points": 150, "multiplier": 1.5}])
