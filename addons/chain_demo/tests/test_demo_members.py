from datetime import date, datetime, timedelta

from odoo.tests import freeze_time, tagged

from .common import ChainDemoCase

NOW = datetime(2026, 3, 2, 9, 0, 0)
TODAY = date(2026, 3, 2)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDemoMembers(ChainDemoCase):
    """The demo members as the chain's staff meet them: stages, tiers, points, duplicates, follow-ups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.formula.product_tmpl_id.write({"chain_brand": "测试", "chain_formula_stage": "1"})
        cls.formula_2.product_tmpl_id.write({"chain_brand": "测试", "chain_formula_stage": "2"})
        Tier = cls.env["chain.member.tier"]
        Tier.search([]).active = False
        cls.tiers = Tier.create(
            [
                {"name": "Regular", "sequence": 10, "threshold": 0},
                {"name": "Silver", "sequence": 20, "threshold": 2000, "keep_threshold": 1500},
                {"name": "Gold", "sequence": 30, "threshold": 8000, "keep_threshold": 6000},
                {"name": "Diamond", "sequence": 40, "threshold": 20000, "keep_threshold": 15000},
            ]
        )
        cls.stores._chain_demo_setup_pos()
        cls.staff_a = cls.env["res.users"].create(
            {
                "name": "Staff A",
                "login": "t_demo_staff_a",
                "groups_id": [(6, 0, [cls.env.ref("chain_store.group_chain_store_user").id])],
                "chain_store_ids": [(6, 0, cls.store_a.ids)],
                "chain_store_id": cls.store_a.id,
            }
        )
        cls.members = cls.env["chain.member"]._chain_demo_load_members(cls.stores, cls.products, 120, TODAY)

    def test_members_of_every_store_with_consent_guides_and_identities(self):
        members = self.members
        self.assertEqual(len(members), 124, "120 members and 4 duplicates")
        self.assertEqual(members.home_store_id, self.store_a | self.store_b, "the DC has no member")
        self.assertTrue(all(m.mobile.startswith("+86139") and m.code for m in members))
        with_consent = members.filtered("consent")
        self.assertTrue(0.8 * len(members) < len(with_consent) < len(members), "most, not all, consented")
        self.assertEqual(members.guide_user_id, self.staff_a | self.manager_b, "the store's staff, else its manager")
        self.assertEqual(set(members.identity_ids.mapped("source")), {"wechat_unionid", "youzan_open_id",
                                                                       "wechat_openid"})  # fmt: skip

    def test_babies_of_every_stage(self):
        babies = self.members.baby_ids
        self.assertEqual(set(babies.mapped("formula_stage")), {"1", "2", "3", False})
        self.assertTrue(babies.filtered(lambda b: not b.is_born), "expected babies")
        ages = babies.filtered("is_born").mapped("age_months")
        self.assertTrue(any(a < 6 for a in ages) and any(6 <= a < 12 for a in ages) and any(12 <= a < 36 for a in ages))

    def test_tiers_are_earned_by_the_rolling_year_spend(self):
        self.assertEqual(self.members.tier_id, self.tiers)
        history = self.env["chain.member.tier.history"].search([("member_id", "in", self.members.ids)])
        self.assertEqual(len(history), len(self.members.filtered("tier_id")))
        orders = self.env["pos.order"].search([("partner_id", "in", self.members.partner_id.ids)])
        self.assertEqual(set(orders.mapped("state")), {"done"})
        self.assertEqual(set(orders.session_id.mapped("state")), {"closed"})
        self.assertTrue(all(o.date_order > NOW - timedelta(days=365) for o in orders))
        for member in self.members.filtered(lambda m: m.tier_id == self.tiers[3]):
            spend = sum(orders.filtered(lambda o, m=member: o.partner_id == m.partner_id).mapped("amount_total"))
            self.assertGreaterEqual(spend, 20000)

    def test_points_balance_is_the_ledger_and_some_expire_within_30_days(self):
        lines = self.members.points_line_ids
        for member in self.members:
            own = lines.filtered(lambda line, m=member: line.member_id == m)
            self.assertEqual(member.points_balance, sum(own.mapped("points")))
            self.assertEqual(member.points_balance, sum(own.mapped("remaining")))
            self.assertEqual(member.loyalty_card_id.points, member.points_balance, "the POS card shows it")
        soon = lines.filtered(lambda line: line.remaining and line.expiry_date <= TODAY + timedelta(days=30))
        self.assertGreaterEqual(len(soon.member_id), 10)
        self.assertTrue(lines.filtered(lambda line: line.kind == "redeem"))
        self.assertTrue(lines.filtered(lambda line: line.pos_order_id))
        expired = self.env["chain.member.points.line"]._cron_expire_points(TODAY + timedelta(days=31))
        self.assertEqual(expired.source_line_id, soon)

    def test_duplicate_pairs_to_merge(self):
        pairs = self.env["chain.member.duplicate"].search(
            [("member_id", "in", self.members.ids), ("other_member_id", "in", self.members.ids)]
        )
        self.assertGreaterEqual(len(pairs), 4)
        self.assertTrue(pairs.filtered("same_baby") and pairs.filtered("same_identity"))
        self.assertTrue(pairs.filtered("same_contact_phone"))

    def test_follow_ups_due_for_the_guides_some_with_an_outcome(self):
        followups = self.env["chain.member.followup"].search([("member_id", "in", self.members.ids)])
        self.assertTrue({"stage", "due", "birthday"} <= set(followups.mapped("kind")))
        self.assertTrue(followups.filtered(lambda f: f.kind == "stage" and f.product_id))
        self.assertTrue(followups.filtered("outcome") and followups.filtered(lambda f: not f.outcome))
        self.assertTrue(followups.filtered(lambda f: not f.outcome).activity_ids)
        for followup in followups:
            self.assertEqual(followup.user_id, followup.member_id.guide_user_id or followup.store_id.manager_id)

    def test_loading_again_changes_nothing(self):
        count = self.env["chain.member"].search_count([])
        self.assertFalse(self.env["chain.member"]._chain_demo_load_members(self.stores, self.products, 120, TODAY))
        self.assertEqual(self.env["chain.member"].search_count([]), count)
