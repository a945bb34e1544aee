from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MemberDashboardCase


@tagged("post_install", "-at_install")
class TestMemberDashboard(MemberDashboardCase):
    """The member figures are those of the records a user would count by hand, in their scope."""

    def _member_sales_reference(self, stores, first, last):
        """Members' sales straight from the POS order lines with the ORM."""
        raw = self._raw(stores, first, last)
        members = (self.wang | self.li | self.zhao).partner_id
        lines = raw["lines"].filtered(lambda line: line.order_id.partner_id.commercial_partner_id in members)
        return sum(lines.mapped("price_subtotal_incl")), raw["sales"], len(lines.order_id)

    def test_member_share_counts_members_only(self):
        first = self.today - timedelta(days=120)
        member_sales, sales, tickets = self._member_sales_reference(self.store_a | self.store_b, first, self.today)
        self.assertTrue(member_sales)
        # the fixture's customer who is no member bought too: no longer a member's sale
        self.assertTrue(self.env["pos.order"].search_count([("partner_id", "=", self.member.id)]))
        data = self.env["chain.dashboard"].with_user(self.chain_manager).get_dashboard_data(self._filters())
        self.assertAlmostEqual(data["kpis"]["member_share"], member_sales / sales * 100, places=2)
        self.assertAlmostEqual(data["members"]["totals"]["member_share"], member_sales / sales * 100, places=2)
        rows = self.env["chain.dashboard.daily"].search([("date", ">=", first)])
        self.assertAlmostEqual(sum(rows.mapped("member_sales")), member_sales, places=2)
        self.assertEqual(sum(rows.mapped("member_tickets")), tickets)
        # the category summaries agree
        categ_rows = self.env["chain.dashboard.daily.categ"].search([("date", ">=", first)])
        self.assertAlmostEqual(sum(categ_rows.mapped("member_sales")), member_sales, places=2)
        # per store: Wang's order in A, Wang's and Li's in B
        by_store = {row["code"]: row for row in data["members"]["stores"]}
        reference_a = self._member_sales_reference(self.store_a, first, self.today)
        self.assertAlmostEqual(by_store["TA01"]["member_sales"], reference_a[0], places=2)
        self.assertAlmostEqual(by_store["TA01"]["member_share"], reference_a[0] / reference_a[1] * 100, places=2)

    def test_refresh_of_a_day_keeps_the_members_sales(self):
        """The cron refreshes a day: the members' sales of that day are recomputed with it."""
        extra = self._member_order(self.config_a, 0, self.zhao, [(self.formula, 1)])
        Dashboard = self.env["chain.dashboard"]
        Dashboard._chain_refresh(self.today, self.today)
        Daily = self.env["chain.dashboard.daily"]
        row = Daily.search([("store_id", "=", self.store_a.id), ("date", "=", self.today)])
        self.assertAlmostEqual(row.member_sales, extra.amount_total, places=2)
        self.assertEqual(row.member_tickets, 1)
        # the order's customer is no longer a member's contact: the next refresh drops it
        extra.partner_id = self.member
        Dashboard._chain_refresh(self.today, self.today)
        row = Daily.search([("store_id", "=", self.store_a.id), ("date", "=", self.today)])
        self.assertEqual(row.member_sales, 0)
        self.assertEqual(row.member_tickets, 0)

    def test_member_section_of_headquarters(self):
        data = self.env["chain.dashboard"].with_user(self.chain_manager).get_dashboard_data(self._filters(days=60))
        by_store = {row["code"]: row for row in data["members"]["stores"]}
        # new: Wang (A, today), Li (B, 40 days ago); Zhao joined before the period
        self.assertEqual((by_store["TA01"]["new"], by_store["TB01"]["new"]), (1, 1))
        # active: Wang bought 3 days ago; Li 100 days ago, Zhao never
        self.assertEqual((by_store["TA01"]["active"], by_store["TB01"]["active"]), (1, 0))
        self.assertEqual(data["members"]["active_days"], 90)
        # follow-ups: A has 3 (2 done, 1 purchased), B 1 done, not purchased
        self.assertEqual(
            [
                (
                    code,
                    by_store[code]["followups"],
                    by_store[code]["followups_done"],
                    by_store[code]["followup_conversion"],
                )
                for code in ("TA01", "TB01")
            ],
            [("TA01", 3, 2, 50.0), ("TB01", 1, 1, 0.0)],
        )
        totals = data["members"]["totals"]
        self.assertEqual((totals["new"], totals["active"], totals["followups_done"]), (2, 1, 3))
        self.assertAlmostEqual(totals["followup_conversion"], 100 / 3, places=6)

    def test_active_members_follow_the_ninety_days(self):
        Member = self.env["chain.member"]
        self.assertEqual(Member.search([("chain_dashboard_active", "=", True)]), self.wang)
        self.assertEqual(
            Member.search(
                [("id", "in", (self.wang | self.li | self.zhao).ids), ("chain_dashboard_active", "=", False)]
            ),
            self.li | self.zhao,
        )
        self.assertTrue(self.wang.chain_dashboard_active)
        self.assertFalse(self.li.chain_dashboard_active)
        # a refund alone is no purchase
        refund = self._order(self.config_b, self._local(1, 9), [(self.formula, 1)], sign=-1)
        refund.partner_id = self.zhao.partner_id
        self.assertFalse(Member.search([("id", "=", self.zhao.id), ("chain_dashboard_active", "=", True)]))
        with self.assertRaises(UserError):
            Member.search([("chain_dashboard_active", "in", [True])])

    def test_store_user_sees_only_their_stores_figures(self):
        Dashboard = self.env["chain.dashboard"].with_user(self.staff_a)
        data = Dashboard.get_dashboard_data(self._filters(days=60))
        self.assertEqual([row["code"] for row in data["members"]["stores"]], ["TA01"])
        self.assertEqual((data["members"]["totals"]["new"], data["members"]["totals"]["active"]), (1, 1))
        self.assertEqual(data["members"]["totals"]["followups"], 3)
        with self.assertRaises(AccessError):
            Dashboard.get_dashboard_data(self._filters(store_id=self.store_b.id))
        for kind in ("sales", "new", "active", "followups", "purchased"):
            with self.assertRaises(AccessError, msg=kind):
                Dashboard.action_member_drilldown(self._filters(), kind=kind, store_id=self.store_b.id)
        with self.assertRaises(ValidationError):
            Dashboard.action_member_drilldown(self._filters(), kind="everything")

    def test_drilldowns_list_the_records_behind_each_figure(self):
        Dashboard = self.env["chain.dashboard"].with_user(self.staff_a)
        filters = self._filters(days=60)

        def records(kind):
            action = Dashboard.action_member_drilldown(filters, kind=kind)
            model = self.env[action["res_model"]].with_user(self.staff_a).with_context(**action["context"])
            return model.search(action["domain"])

        self.assertEqual(records("new"), self.wang)
        self.assertEqual(records("active"), self.wang)
        purchased, reached, _open, _li = self.followups
        self.assertEqual(records("followups"), purchased | reached)
        self.assertEqual(records("purchased"), purchased)
        # the members' tickets of store A: Wang's only (not the customer who is no member)
        self.assertEqual(records("sales"), self.wang_a)
        # under a category filter: the members' sold lines of that category
        filters["categ_id"] = self.categ_diaper.id
        self.assertEqual(records("sales"), self.wang_a.lines.filtered(lambda line: line.product_id == self.diaper))
        # HQ drills down to store B
        action = (
            self.env["chain.dashboard"]
            .with_user(self.chain_manager)
            .action_member_drilldown(self._filters(days=60), kind="sales", store_id=self.store_b.id)
        )
        self.assertEqual(self.env["pos.order"].search(action["domain"]), self.wang_b)

    def test_partner_flag_follows_the_member(self):
        Partner = self.env["res.partner"]
        self.assertTrue(self.wang.partner_id.chain_is_member)
        self.assertFalse(self.member.chain_is_member)
        members = Partner.search(
            [("chain_is_member", "=", True), ("id", "in", [self.wang.partner_id.id, self.member.id])]
        )
        self.assertEqual(members, self.wang.partner_id)
        others = Partner.search(
            [("chain_is_member", "!=", True), ("id", "in", [self.wang.partner_id.id, self.member.id])]
        )
        self.assertEqual(others, self.member)

    def test_user_without_member_access_gets_no_section(self):
        user = self._user("t_dash_only", "base.group_user")
        user.groups_id = [(4, self.env.ref("chain_store.group_chain_store_user").id)]
        self.env["ir.model.access"].search([("model_id.model", "=", "chain.member.followup")]).active = False
        data = self.env["chain.dashboard"].with_user(user).get_dashboard_data(self._filters(days=7))
        self.assertFalse(data["members"])
