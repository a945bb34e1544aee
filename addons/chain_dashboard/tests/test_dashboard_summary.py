import random
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainDashboardCase


@tagged("post_install", "-at_install")
class TestDashboardSummary(ChainDashboardCase):
    def setUp(self):
        super().setUp()
        self.Dashboard = self.env["chain.dashboard"]
        self.Dashboard._chain_rebuild(self.today - timedelta(days=70), self.today)

    def _summary(self, stores, first, last, parsed=None):
        rows = self.Dashboard._chain_aggregate(parsed or {"categ_id": False}, stores.ids, first, last)
        return rows[0] if rows else dict.fromkeys(("sales", "margin", "units", "tickets", "member_sales"), 0)

    def _assert_equal(self, summary, raw, label):
        for measure in ("sales", "margin", "units", "tickets", "member_sales"):
            self.assertAlmostEqual(summary[measure], raw[measure], places=2, msg=f"{measure} {label}")

    def test_summaries_equal_raw_lines_on_random_periods(self):
        rng = random.Random(5)
        stores = self.store_a | self.store_b
        self.assertTrue(self._raw(stores, self.today - timedelta(days=60), self.today)["lines"])
        for _i in range(12):
            first = self.today - timedelta(days=rng.randint(0, 65))
            last = min(first + timedelta(days=rng.randint(0, 20)), self.today)
            for scope in (self.store_a, self.store_b, stores):
                self._assert_equal(
                    self._summary(scope, first, last), self._raw(scope, first, last), f"{scope.ids} {first}..{last}"
                )

    def test_category_summaries_equal_raw_lines(self):
        first, last = self.today - timedelta(days=60), self.today
        for categ in (self.categ_baby, self.categ_formula, self.categ_diaper):
            parsed = {"categ_id": categ.id}
            for store in (self.store_a, self.store_b):
                raw = self._raw(store, first, last, categ)
                self.assertTrue(raw["lines"])
                self._assert_equal(self._summary(store, first, last, parsed), raw, categ.name)

    def test_draft_orders_and_local_days(self):
        """A draft order is not a sale; an order at 01:00 Shanghai time belongs to that local day
        (17:00 UTC of the day before)."""
        day = self.today - timedelta(days=61)
        self._order(self.config_b, self._local(61, 1), [(self.diaper, 2)])
        self._order(self.config_b, self._local(61, 2), [(self.diaper, 9)], state="draft")
        self.Dashboard._chain_refresh(day - timedelta(days=1), day)
        row = self.env["chain.dashboard.daily"].search([("store_id", "=", self.store_b.id), ("date", "=", day)])
        self.assertRecordValues(row, [{"units": 2.0, "sales": 198.0, "tickets": 1, "member_sales": 0.0}])

    def test_cron_refreshes_the_days_written_since_its_watermark(self):
        self.Dashboard._cron_chain_refresh()
        before = self._summary(self.store_a, self.today, self.today)
        order = self._order(self.config_a, self._local(0, 9), [(self.formula, 4)], state="draft")
        self.Dashboard._cron_chain_refresh()
        self.assertEqual(self._summary(self.store_a, self.today, self.today)["sales"], before["sales"])
        order.write({"state": "paid"})
        self.assertGreaterEqual(self.Dashboard._cron_chain_refresh(), 1)
        after = self._summary(self.store_a, self.today, self.today)
        self.assertAlmostEqual(after["sales"], before["sales"] + 4 * 238.0, places=2)
        self.assertEqual(after["tickets"], before["tickets"] + 1)
        self.assertEqual(after["units"], before["units"] + 4)

    def test_rebuild_refuses_reversed_days_and_non_hq(self):
        with self.assertRaises(UserError):
            self.Dashboard._chain_rebuild(self.today, self.today - timedelta(days=1))
        with self.assertRaises(AccessError):
            self.Dashboard.with_user(self.manager_a).action_chain_rebuild()
        self.assertTrue(self.Dashboard.with_user(self.chain_manager).action_chain_rebuild())

    def test_session_close_refreshes_its_days(self):
        config = self._pos_config(self.store_b)
        order = self._pos_order(config, amount=88.0)
        order.action_pos_order_paid()
        session = config.current_session_id
        day = self.Dashboard._chain_today()
        before = self._summary(self.store_b, day, day)["sales"]
        session.action_pos_session_closing_control()
        self.assertEqual(session.state, "closed")
        self.assertAlmostEqual(self._summary(self.store_b, day, day)["sales"], before + 88.0, places=2)
