from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ChainDashboardCase


@tagged("post_install", "-at_install")
class TestDashboardData(ChainDashboardCase):
    def setUp(self):
        super().setUp()
        self.Dashboard = self.env["chain.dashboard"]
        self.Dashboard._chain_rebuild(self.today - timedelta(days=800), self.today)
        self.month = {"period": "custom", "date_from": str(self.today - timedelta(days=29)), "date_to": str(self.today)}

    def _data(self, user, **filters):
        return self.Dashboard.with_user(user).get_dashboard_data({**self.month, **filters})

    def test_each_role_sees_its_scope(self):
        first = self.today - timedelta(days=29)
        for user, stores, level in (
            (self.staff_a, self.store_a, "store"),
            (self.manager_a, self.store_a, "store"),
            (self.region_manager, self.store_a, "region"),
            (self.chain_manager, self.store_a | self.store_b, "chain"),
        ):
            data = self._data(user)
            raw = self._raw(stores, first, self.today)
            self.assertEqual(data["scope"], {"level": level, "store_count": len(stores)}, user.login)
            self.assertEqual({r["store_id"] for r in data["ranking"]}, set(stores.ids), user.login)
            self.assertAlmostEqual(data["kpis"]["sales"], raw["sales"], places=2)
            self.assertEqual(data["kpis"]["tickets"], raw["tickets"])
            self.assertAlmostEqual(data["kpis"]["avg_ticket"], raw["sales"] / raw["tickets"], places=2)
            self.assertAlmostEqual(data["kpis"]["upt"], raw["units"] / raw["tickets"], places=2)
            self.assertAlmostEqual(data["kpis"]["member_share"], raw["member_sales"] / raw["sales"] * 100, places=2)
            options = self.env["chain.dashboard"].with_user(user).get_dashboard_options()
            self.assertEqual({s["id"] for s in options["stores"]}, set(stores.ids))
            self.assertEqual([c["id"] for c in options["channels"]][:2], ["all", "pos"])

    def test_ranking_regions_trend_and_comparisons(self):
        data = self._data(self.chain_manager)
        ranking = data["ranking"]
        self.assertEqual([r["rank"] for r in ranking], [1, 2])
        self.assertGreaterEqual(ranking[0]["sales"], ranking[1]["sales"])
        self.assertEqual(
            {r["name"]: r["stores"] for r in data["regions"]},
            {self.region_sh.complete_name: 1, self.region_zj.complete_name: 1},
        )
        self.assertAlmostEqual(sum(p["sales"] for p in data["trend"]), data["kpis"]["sales"], places=2)
        prev = data["comparisons"]["previous"]
        self.assertEqual(prev["last"], str(self.today - timedelta(days=30)))
        raw = self._raw(self.store_a | self.store_b, self.today - timedelta(days=59), self.today - timedelta(days=30))
        self.assertAlmostEqual(prev["kpis"]["sales"], raw["sales"], places=2)
        self.assertEqual(data["comparisons"]["last_year"]["kpis"]["sales"], 0.0)
        self.assertIsNone(data["comparisons"]["last_year"]["change"]["sales"])

    def test_category_and_store_filters(self):
        first = self.today - timedelta(days=29)
        data = self._data(self.chain_manager, categ_id=self.categ_diaper.id, store_id=self.store_b.id)
        raw = self._raw(self.store_b, first, self.today, self.categ_diaper)
        self.assertEqual(data["scope"]["store_count"], 1)
        self.assertAlmostEqual(data["kpis"]["sales"], raw["sales"], places=2)
        self.assertAlmostEqual(data["kpis"]["margin"], raw["margin"], places=2)

    def test_out_of_scope_store_or_region_is_refused(self):
        with self.assertRaises(AccessError):
            self._data(self.staff_a, store_id=self.store_b.id)
        with self.assertRaises(AccessError):
            self._data(self.region_manager, region_id=self.region_zj.id)
        with self.assertRaises(AccessError):
            self.Dashboard.with_user(self.staff_b).action_drilldown(self.month, store_id=self.store_a.id)

    def test_summary_rows_of_another_store_are_refused(self):
        row_a = self.env["chain.dashboard.daily"].search([("store_id", "=", self.store_a.id)], limit=1)
        self.assertTrue(row_a)
        Daily = self.env["chain.dashboard.daily"].with_user(self.staff_b)
        self.assertFalse(Daily.search([("store_id", "=", self.store_a.id)]))
        with self.assertRaises(AccessError):
            row_a.with_user(self.staff_b).read(["sales"])
        Categ = self.env["chain.dashboard.daily.categ"].with_user(self.staff_b)
        self.assertFalse(Categ.search([("store_id", "=", self.store_a.id)]))
        self.assertTrue(
            self.env["chain.dashboard.daily"]
            .with_user(self.region_manager)
            .search([("store_id", "=", self.store_a.id)])
        )

    def test_drilldown_lists_the_tickets_behind_the_figure(self):
        for user in (self.staff_a, self.chain_manager):
            data = self._data(user)
            action = self.Dashboard.with_user(user).action_drilldown(self.month)
            orders = self.env[action["res_model"]].with_user(user).search(action["domain"])
            self.assertEqual(len(orders), data["kpis"]["tickets"])
        action = self.Dashboard.with_user(self.chain_manager).action_drilldown(self.month, store_id=self.store_b.id)
        orders = self.env["pos.order"].search(action["domain"])
        self.assertEqual(orders.config_id.chain_store_id, self.store_b)
        action = self.Dashboard.with_user(self.chain_manager).action_drilldown(
            {**self.month, "categ_id": self.categ_formula.id}
        )
        self.assertEqual(action["res_model"], "pos.order.line")
        lines = self.env["pos.order.line"].search(action["domain"])
        self.assertEqual(lines.product_id, self.formula)

    def test_bad_filters_give_clear_errors(self):
        for filters in (
            {"period": "quarter"},
            {"period": "custom", "date_from": str(self.today), "date_to": str(self.today - timedelta(days=3))},
            {"period": "custom"},
            {"period": "today", "channel": "tmall"},
            {"period": "today", "store_id": "abc"},
        ):
            with self.assertRaises(ValidationError, msg=str(filters)):
                self.Dashboard.with_user(self.chain_manager).get_dashboard_data(filters)

    def test_today_and_week_periods(self):
        data = self.Dashboard.with_user(self.chain_manager).get_dashboard_data({"period": "today"})
        raw = self._raw(self.store_a | self.store_b, self.today, self.today)
        self.assertEqual(data["filters"]["first"], str(self.today))
        self.assertAlmostEqual(data["kpis"]["sales"], raw["sales"], places=2)
        week = self.Dashboard.with_user(self.chain_manager).get_dashboard_data({"period": "week"})
        self.assertEqual(week["filters"]["first"], str(self.today - timedelta(days=self.today.weekday())))
