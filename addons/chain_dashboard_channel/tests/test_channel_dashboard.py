from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ChainDashboardChannelCase


@tagged("post_install", "-at_install")
class TestChannelDashboard(ChainDashboardChannelCase):
    def setUp(self):
        super().setUp()
        self.Dashboard = self.env["chain.dashboard"]
        self.Dashboard._chain_rebuild(self.today - timedelta(days=800), self.today)
        self.first = self.today - timedelta(days=29)
        self.month = {"period": "custom", "date_from": str(self.first), "date_to": str(self.today)}
        self.stores = self.store_a | self.store_b

    def _data(self, user, **filters):
        return self.Dashboard.with_user(user).get_dashboard_data({**self.month, **filters})

    def _assert_kpis(self, data, expected, msg):
        self.assertAlmostEqual(data["kpis"]["sales"], expected["sales"], places=2, msg=msg)
        self.assertAlmostEqual(data["kpis"]["margin"], expected["margin"], places=2, msg=msg)
        self.assertEqual(data["kpis"]["tickets"], expected["tickets"], msg)
        self.assertAlmostEqual(sum(r["sales"] for r in data["ranking"]), expected["sales"], places=2, msg=msg)
        self.assertAlmostEqual(sum(r["sales"] for r in data["trend"]), expected["sales"], places=2, msg=msg)

    @staticmethod
    def _add(*figures):
        return {m: sum(f[m] for f in figures) for m in ("sales", "margin", "tickets")}

    def test_each_channel_key_shows_its_sales(self):
        pos = self._raw(self.stores, self.first, self.today)
        online = self._raw_channel(self.stores, self.first, self.today)
        youzan = self._raw_channel(self.stores, self.first, self.today, channels=self.youzan)
        mini = self._raw_channel(self.stores, self.first, self.today, channels=self.mini)
        self.assertTrue(pos["tickets"] and youzan["tickets"] and mini["tickets"])
        for key, expected in (
            ("all", self._add(pos, online)),
            ("pos", pos),
            ("online", online),
            (self._key(self.youzan), youzan),
            (self._key(self.mini), mini),
        ):
            self._assert_kpis(self._data(self.chain_manager, channel=key), expected, key)
        # store B's ranking line adds its POS and both channels
        data = self._data(self.chain_manager)
        row_b = next(r for r in data["ranking"] if r["store_id"] == self.store_b.id)
        expected_b = self._add(
            self._raw(self.store_b, self.first, self.today), self._raw_channel(self.store_b, self.first, self.today)
        )
        self.assertAlmostEqual(row_b["sales"], expected_b["sales"], places=2)
        self.assertEqual(row_b["tickets"], expected_b["tickets"])

    def test_category_filter_counts_the_channel_lines_of_the_category(self):
        pos = self._raw(self.stores, self.first, self.today, categ=self.categ_baby)
        online = self._raw_channel(self.stores, self.first, self.today, categ=self.categ_baby)
        self.assertTrue(online["tickets"])
        for key, expected in (("all", self._add(pos, online)), ("pos", pos), ("online", online)):
            self._assert_kpis(self._data(self.chain_manager, channel=key, categ_id=self.categ_baby.id), expected, key)

    def test_store_manager_sees_only_their_store(self):
        expected = self._raw_channel(self.store_a, self.first, self.today)
        for user in (self.manager_a, self.staff_a, self.region_manager):
            data = self._data(user, channel="online")
            self._assert_kpis(data, expected, user.login)
            self.assertEqual({r["store_id"] for r in data["ranking"]}, {self.store_a.id})
            with self.assertRaises(AccessError):
                self._data(user, channel="online", store_id=self.store_b.id)
            # the mini shop ships from store B only: not a choice for store A
            keys = [c["id"] for c in self.Dashboard.with_user(user).get_dashboard_options()["channels"]]
            self.assertIn(self._key(self.youzan), keys)
            self.assertNotIn(self._key(self.mini), keys)
            with self.assertRaises(ValidationError):
                self._data(user, channel=self._key(self.mini))

    def test_summary_rows_of_another_store_are_refused(self):
        for model in ("chain.dashboard.channel.daily", "chain.dashboard.channel.daily.categ"):
            Summary = self.env[model]
            self.assertEqual(Summary.with_user(self.staff_b).search([]).store_id, self.store_b, model)
            row_a = Summary.search([("store_id", "=", self.store_a.id)], limit=1)
            self.assertTrue(row_a, model)
            with self.assertRaises(AccessError):
                row_a.with_user(self.staff_b).read(["sales"])
            self.assertEqual(Summary.with_user(self.chain_manager).search([]).store_id, self.stores, model)

    def test_drilldown_lists_the_channel_orders(self):
        start, end = self.Dashboard._chain_utc_bounds(self.first, self.today, self.TZ)
        in_month = self.channel_orders.filtered(lambda o: start <= o.date_order < end)
        key = self._key(self.youzan)
        data = self._data(self.chain_manager, channel=key)
        action = self.Dashboard.with_user(self.chain_manager).action_drilldown({**self.month, "channel": key})
        self.assertEqual(action["res_model"], "sale.order")
        orders = self.env["sale.order"].search(action["domain"])
        self.assertEqual(orders, in_month.filtered(lambda o: o.chain_channel_id == self.youzan))
        self.assertEqual(len(orders), data["kpis"]["tickets"])
        action = self.Dashboard.with_user(self.chain_manager).action_drilldown(
            {**self.month, "channel": "online"}, store_id=self.store_b.id
        )
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), in_month.filtered(lambda o: o.warehouse_id == self.wh_b)
        )
        action = self.Dashboard.with_user(self.chain_manager).action_drilldown(
            {**self.month, "channel": "online", "categ_id": self.categ_formula.id}
        )
        self.assertEqual(action["res_model"], "sale.order.line")
        self.assertEqual(self.env["sale.order.line"].search(action["domain"]).product_id, self.formula)
        # "all" keeps the POS tickets
        action = self.Dashboard.with_user(self.chain_manager).action_drilldown(self.month)
        self.assertEqual(action["res_model"], "pos.order")
        # a store user drills into their own store only
        action = self.Dashboard.with_user(self.staff_a).action_drilldown({**self.month, "channel": "online"})
        self.assertEqual(self.env["sale.order"].search(action["domain"]).warehouse_id, self.wh_a)

    def test_options_list_the_active_channels(self):
        options = self.Dashboard.with_user(self.chain_manager).get_dashboard_options()
        choices = {c["id"]: c["name"] for c in options["channels"]}
        self.assertEqual(list(choices)[:3], ["all", "pos", "online"])
        self.assertEqual(choices[self._key(self.youzan)], "Youzan Shop (test)")
        self.assertEqual(choices[self._key(self.mini)], "Mini Shop (test)")
        self.mini.active = False
        options = self.Dashboard.with_user(self.chain_manager).get_dashboard_options()
        self.assertNotIn(self._key(self.mini), [c["id"] for c in options["channels"]])

    def test_bad_channel_keys_are_refused(self):
        unknown = f"channel_{self.mini.id + 1000}"
        for key in ("tmall", "channel_", "channel_x", "channel_0", unknown):
            with self.assertRaises(ValidationError) as caught:
                self._data(self.chain_manager, channel=key)
            self.assertIn(key, str(caught.exception))
            with self.assertRaises(ValidationError):
                self.Dashboard.with_user(self.chain_manager).action_drilldown({**self.month, "channel": key})
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "chain_dashboard_channel")])._update_translations("zh_CN")
        with self.assertRaises(ValidationError) as caught:
            self.Dashboard.with_user(self.chain_manager).with_context(lang="zh_CN")._chain_channel_sources("tmall")
        self.assertIn("销售渠道", str(caught.exception))

    def test_daily_channel_sales_report_for_store_managers(self):
        menu = self.env.ref("chain_dashboard_channel.chain_dashboard_channel_daily_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.manager_a)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.staff_a)._visible_menu_ids())
        Daily = self.env["chain.dashboard.channel.daily"].with_user(self.manager_a)
        views = Daily.get_views([(False, "list"), (False, "search"), (False, "pivot")])
        self.assertIn("channel_id", views["models"]["chain.dashboard.channel.daily"]["fields"])
        groups = Daily.read_group([], ["sales:sum"], ["channel_id"])
        expected = self._raw_channel(self.store_a, self.today - timedelta(days=800), self.today)
        self.assertEqual([g["channel_id"][0] for g in groups], self.youzan.ids)
        self.assertAlmostEqual(groups[0]["sales"], expected["sales"], places=2)

    def test_channel_orders_of_another_store_are_refused(self):
        """Issue 20: store A's user reads none of the orders (lines, chatter) that store B ships,
        although both stores fulfil the Youzan shop; not through the drill-down either."""
        orders_b = self.channel_orders.filtered(lambda o: o.warehouse_id == self.wh_b)
        orders_b[:1].message_post(body="Shipped by store B")
        env = self.env(user=self.staff_a)
        self.assertFalse(env["sale.order"].search([("id", "in", orders_b.ids)]))
        self.assertEqual(env["sale.order"].search([("chain_channel_id", "!=", False)]).warehouse_id, self.wh_a)
        self.assertFalse(env["sale.order.line"].search([("order_id", "in", orders_b.ids)]))
        self.assertFalse(env["mail.message"].search([("model", "=", "sale.order"), ("res_id", "in", orders_b.ids)]))
        with self.assertRaises(AccessError):
            orders_b[:1].with_user(self.staff_a).read(["amount_total"])
        action = self.Dashboard.with_user(self.chain_manager).action_drilldown(
            {**self.month, "channel": "online"}, store_id=self.store_b.id
        )
        self.assertTrue(self.env["sale.order"].search(action["domain"]))
        self.assertFalse(env["sale.order"].search(action["domain"]))
