import datetime
import itertools

from freezegun import freeze_time

from odoo.tests import tagged

from ..lib import member as member_lib
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
        self.assertEqual(self.member_a.tier_id, self.gold, "up at once, at the purchase")
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
                    "date": datetime.date(2026, 1, 15),
                    "old_tier_id": False,
                    "new_tier_id": self.gold.id,
                    "spend": 6000.0,
                    "note": f"Purchase {order.name}.",
                },
                {
                    "date": datetime.date(2026, 3, 2),
                    "old_tier_id": self.gold.id,
                    "new_tier_id": self.silver.id,
                    "spend": 2500.0,
                    "note": False,
                },
                {
                    "date": datetime.date(2027, 1, 20),
                    "old_tier_id": self.silver.id,
                    "new_tier_id": False,
                    "spend": -3500.0,
                    "note": False,
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

    def test_immediate_upgrade_on_purchase_only_upward(self):
        with freeze_time("2026-05-01 10:00:00"):
            first = self._sale(self.member_a, 600.0)
            self.assertFalse(self.member_a.tier_id)
            second = self._sale(self.member_a, 500.0)
            self.assertEqual(self.member_a.tier_id, self.silver, "600 + 500 crosses Silver's 1,000")
            self._refund(second, 500.0)
            self.assertEqual(self.member_a.tier_id, self.silver, "a refund never lowers the tier at once")
            third = self._sale(self.member_a, 4500.0)
            self.assertEqual(self.member_a.tier_id, self.gold)
        history = self.env["chain.member.tier.history"].search([("member_id", "=", self.member_a.id)], order="id")
        self.assertRecordValues(
            history,
            [
                {
                    "old_tier_id": False,
                    "new_tier_id": self.silver.id,
                    "spend": 1100.0,
                    "note": f"Purchase {second.name}.",
                },
                {
                    "old_tier_id": self.silver.id,
                    "new_tier_id": self.gold.id,
                    "spend": 5100.0,
                    "note": f"Purchase {third.name}.",
                },
            ],
        )
        self.assertIn("Tier changed from Silver to Gold", self.member_a.message_ids[0].body)
        self.assertNotEqual(first, second)

    def test_tiers_on_growth_points(self):
        """With growth points (成长值) as the measure: points earned on purchases count, not gifts nor redemptions."""
        self.env.company.chain_member_tier_basis = "points"
        self.assertFalse(self.silver.currency_id, "thresholds in points, not in yuan")
        with freeze_time("2026-05-01 10:00:00"):
            self._sale(self.member_a, 600.0)
            self.member_a.with_user(self.manager_a).action_adjust_points(2000, "Welcome gift")
            self.assertFalse(self.member_a.tier_id, "a gift by hand is no growth")
            self.member_a.with_user(self.staff_a).action_redeem_points(2500)
            second = self._sale(self.member_a, 500.0)
            self.assertEqual(self.member_a.tier_id, self.silver, "600 + 500 points earned cross Silver's 1,000")
        self.assertEqual(self._review("2026-05-02"), self.silver)
        with freeze_time("2026-05-10 10:00:00"):
            self._refund(second, 500.0)  # takes back 500 points: 600 earned, below Silver's keep level of 800
        self.assertEqual(self._review("2026-05-11"), self.env["chain.member.tier"])
        history = self.env["chain.member.tier.history"].search([("member_id", "=", self.member_a.id)], order="id")
        self.assertEqual(history.mapped("spend"), [1100.0, 600.0])

    def test_tier_pricelist_given_to_the_contact(self):
        vip = self.env["product.pricelist"].create({"name": "Gold members (test)"})
        self.gold.pricelist_id = vip
        default = self.member_a.partner_id.property_product_pricelist
        with freeze_time("2026-05-01 10:00:00"):
            order = self._sale(self.member_a, 5500.0)
        self.assertEqual(self.member_a.partner_id.property_product_pricelist, vip)
        with freeze_time("2026-05-02 10:00:00"):
            self._refund(order, 5000.0)
        self.assertEqual(self._review("2026-05-03"), self.env["chain.member.tier"])
        self.assertEqual(self.member_a.partner_id.property_product_pricelist, default)

    def test_nightly_job_writes_only_the_changes(self):
        with freeze_time("2026-05-01 10:00:00"):
            self._sale(self.member_b, 1500.0)
        self.member_b.sudo().tier_id = self.gold  # as an earlier review would have
        before_a = len(self.member_a.message_ids)
        with freeze_time("2026-05-02 02:00:00"):
            self.env["chain.member"]._cron_recompute_tiers()
        self.assertEqual(self.member_b.tier_id, self.silver, "1,500 is below Gold's keep level, at Silver")
        self.assertEqual(len(self.member_a.message_ids), before_a, "no change, no message")
        self.assertIn("Tier changed from Gold to Silver", self.member_b.message_ids[0].body)
        self.assertEqual(
            self.env["chain.member.tier.history"].search_count(
                [("member_id", "in", (self.member_a | self.member_b).ids)]
            ),
            2,
            "the upgrade at the purchase, then the review's change",
        )

    def test_set_based_job_equals_the_per_member_rule(self):
        """The job's single statement gives, on a sample, what ``lib.member.target_tier`` gives member by member."""
        amounts = [0.0, 799.0, 800.0, 999.99, 1000.0, 2999.0, 3000.0, 4999.0, 5000.0, 8000.0, -200.0]
        currents = [False, self.silver.id, self.gold.id]
        Member = self.env["chain.member"]
        sample = Member
        with freeze_time("2026-06-01 10:00:00"):
            for index, (amount, current) in enumerate(itertools.product(amounts, currents)):
                member = Member.create({"name": f"Sample {index} (test)", "mobile": f"1370000{index:04d}"})
                sample |= member
                if amount:
                    order = self._pos_order(self.config_a, amount=amount)
                    # paid without the POS hooks: the sample's tiers are set by hand below
                    self.env.cr.execute(
                        "UPDATE pos_order SET state = 'paid', partner_id = %s WHERE id = %s",
                        [member.partner_id.id, order.id],
                    )
                if current:
                    self.env.cr.execute("UPDATE chain_member SET tier_id = %s WHERE id = %s", [current, member.id])
            # an old order, out of the rolling year
            old = self._pos_order(self.config_a, amount=9000.0)
            self.env.cr.execute(
                "UPDATE pos_order SET state = 'paid', partner_id = %s, date_order = '2025-05-01' WHERE id = %s",
                [sample[0].partner_id.id, old.id],
            )
        self.env.invalidate_all()
        today = datetime.date(2026, 6, 2)
        members = Member.search([("company_id", "=", self.env.company.id), ("state", "=", "active")])
        # the per-member rule: the spend read order by order through the ORM, then target_tier one by one
        groups = self.env["pos.order"]._read_group(
            [
                ("partner_id", "in", members.partner_id.ids),
                ("state", "in", ("paid", "done", "invoiced")),
                ("date_order", ">=", datetime.datetime(2025, 6, 2)),
            ],
            ["partner_id"],
            ["amount_total:sum"],
        )
        spend = {partner.id: total for partner, total in groups}
        table = Member._chain_tier_table(self.tiers)
        expected = set()
        for member in members:
            amount = spend.get(member.partner_id.id, 0.0)
            new = member_lib.target_tier(amount, member.tier_id.id or None, table) or False
            if new != (member.tier_id.id or False):
                expected.add((member.id, member.tier_id.id or False, new, round(amount, 2)))
        self.env.cr.execute(Member._chain_tier_review_sql(self.env.company, self.tiers, today))
        got = {(row[0], row[1] or False, row[2] or False, round(float(row[3]), 2)) for row in self.env.cr.fetchall()}
        self.assertEqual(got, expected)
        self.assertGreater(len(expected), 10)
        with freeze_time("2026-06-02 02:00:00"):
            Member._cron_recompute_tiers()
        sample.invalidate_recordset()
        self.assertEqual(
            {member.id: member.tier_id.id for member in sample if member.id in {row[0] for row in expected}},
            {row[0]: row[2] for row in expected},
        )
