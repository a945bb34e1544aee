from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.chain_dashboard_channel import post_init_hook

from .common import ChainDashboardChannelCase

MEASURES = ("sales", "sales_untaxed", "margin", "units", "tickets")


@tagged("post_install", "-at_install")
class TestChannelSummary(ChainDashboardChannelCase):
    def setUp(self):
        super().setUp()
        self.Dashboard = self.env["chain.dashboard"]
        self.Daily = self.env["chain.dashboard.channel.daily"]
        self.first = self.today - timedelta(days=60)
        self.Dashboard._chain_rebuild(self.first, self.today)
        self.stores = self.store_a | self.store_b

    def _assert_figures(self, rows, expected, msg=None):
        for measure in MEASURES:
            self.assertAlmostEqual(sum(rows.mapped(measure)), expected[measure], places=2, msg=f"{msg} {measure}")

    def test_each_summary_row_equals_its_order_lines(self):
        raw = self._raw_channel(self.stores, self.first, self.today, by="cell")
        rows = {(row.store_id.id, row.date, row.channel_id.id): row for row in self.Daily.search([])}
        self.assertEqual(set(rows), set(raw))
        for cell, figures in raw.items():
            self._assert_figures(rows[cell], figures, cell)
            self.assertEqual(rows[cell].member_sales, 0)
        # the draft, the cancelled and the ordinary sale order count nowhere
        self.assertEqual(sum(row.tickets for row in rows.values()), len(self.channel_orders))
        self.assertEqual({row.channel_id for row in rows.values()}, {self.youzan, self.mini})

    def test_category_summary_equals_the_category_lines(self):
        Categ = self.env["chain.dashboard.channel.daily.categ"]
        for categ in (self.categ_formula, self.categ_diaper):
            rows = Categ.search([("categ_id", "=", categ.id)])
            self.assertTrue(rows, categ.name)
            self._assert_figures(rows, self._raw_channel(self.stores, self.first, self.today, categ=categ), categ.name)

    def test_margin_is_untaxed_sales_minus_cost(self):
        order = self._sale(self.mini, self.store_b, self._local(50, 9), [(self.formula, 2, 1.0), (self.diaper, 3, 0.9)])
        day = self.today - timedelta(days=50)
        self.Dashboard._chain_refresh(day, day)
        row = self.Daily.search(
            [("store_id", "=", self.store_b.id), ("date", "=", day), ("channel_id", "=", self.mini.id)]
        )
        self.assertAlmostEqual(row.margin, order.amount_untaxed - 2 * 150.0 - 3 * 60.0, places=2)
        self.assertAlmostEqual(row.sales, order.amount_total, places=2)
        self.assertEqual((row.units, row.tickets), (5, 1))

    def test_a_confirmed_or_cancelled_order_counts_at_the_next_cron_run(self):
        """As POS tickets, channel orders reach the figures with the 15-minute refresh, not in
        the order's own transaction (the import of a marketplace backlog stays lean)."""

        def today_sales():
            rows = self.Daily.search([("date", "=", self.today), ("store_id", "=", self.store_a.id)])
            return sum(rows.mapped("sales"))

        self.Dashboard._cron_chain_refresh()
        before = today_sales()
        order = self._sale(self.youzan, self.store_a, False, [(self.formula, 1, 1.0)])
        self.assertAlmostEqual(today_sales(), before, places=2)
        self.Dashboard._cron_chain_refresh()
        self.assertAlmostEqual(today_sales(), before + order.amount_total, places=2)
        order._action_cancel()
        self.Dashboard._cron_chain_refresh()
        self.assertAlmostEqual(today_sales(), before, places=2)

    def test_an_order_moved_to_another_store_or_day_moves_at_once(self):
        order = self.channel_orders.filtered(
            lambda o: o.warehouse_id == self.wh_a and o.chain_channel_id == self.youzan
        )[0]
        old_day = self._group_key(order.order_line[0], "day")
        new_day = self.today - timedelta(days=55)
        stores = self.store_a | self.store_b

        def cells():
            return {(r.store_id.id, r.date, r.channel_id.id): r.sales for r in self.Daily.search([])}

        order.write({"warehouse_id": self.wh_b.id, "date_order": self._local(55, 12)})
        raw = self._raw_channel(stores, self.first, self.today, by="cell")
        self.assertEqual(set(cells()), set(raw))
        self.assertIn((self.store_b.id, new_day, self.youzan.id), raw)
        for cell, sales in cells().items():
            self.assertAlmostEqual(sales, raw[cell]["sales"], places=2, msg=cell)
        # the day it left holds the other orders of that day only
        left = self._raw_channel(self.store_a, old_day, old_day, channels=self.youzan)
        self.assertAlmostEqual(cells().get((self.store_a.id, old_day, self.youzan.id), 0.0), left["sales"], places=2)

    def test_the_cron_drops_a_cancelled_order_at_its_next_run(self):
        self.Dashboard._cron_chain_refresh()
        order = self.channel_orders.filtered(lambda o: o.warehouse_id == self.wh_b)[0]
        day = self._group_key(order.order_line[0], "day")
        cell = [("store_id", "=", self.store_b.id), ("date", "=", day), ("channel_id", "=", order.chain_channel_id.id)]
        before = sum(self.Daily.search(cell).mapped("sales"))
        # a cancellation written by SQL (no ORM write): the cron sees it by its write date
        self.env.flush_all()
        self.env.cr.execute("UPDATE sale_order SET state = 'cancel', write_date = now() WHERE id = %s", [order.id])
        order.invalidate_recordset()
        self.assertAlmostEqual(sum(self.Daily.search(cell).mapped("sales")), before, places=2)
        self.assertGreater(self.Dashboard._cron_chain_refresh(), 0)
        raw = self._raw_channel(self.store_b, day, day, channels=order.chain_channel_id)
        self.assertAlmostEqual(sum(self.Daily.search(cell).mapped("sales")), before - order.amount_total, places=2)
        self.assertAlmostEqual(sum(self.Daily.search(cell).mapped("sales")), raw["sales"], places=2)

    def test_install_summarises_the_existing_channel_orders(self):
        self.env.cr.execute("DELETE FROM chain_dashboard_channel_daily")
        self.Daily.invalidate_model()
        self.assertFalse(self.Daily.search([]))
        post_init_hook(self.env)
        self.assertEqual(sum(self.Daily.search([]).mapped("tickets")), len(self.channel_orders))
