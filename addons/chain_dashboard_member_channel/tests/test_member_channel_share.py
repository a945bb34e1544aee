from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.chain_dashboard_channel.tests.common import ChainDashboardChannelCase
from odoo.addons.chain_dashboard_member_channel import post_init_hook


@tagged("post_install", "-at_install")
class TestMemberChannelShare(ChainDashboardChannelCase):
    """The channel history of ``ChainDashboardChannelCase`` (whose buyer is no member) plus
    the channel orders of a member, Wang of store A: two on the Youzan shop shipped by store A,
    one on the mini shop shipped by store B, and a cancelled one that counts nowhere."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wang = cls.env["chain.member"].create(
            {"name": "Wang Xiaohong", "mobile": "13812345678", "home_store_id": cls.store_a.id}
        )
        cls.wang_orders = (
            cls._member_sale(cls.youzan, cls.store_a, 3, [(cls.formula, 2, 1.0)])
            | cls._member_sale(cls.youzan, cls.store_a, 5, [(cls.formula, 1, 1.0), (cls.diaper, 2, 1.0)])
            | cls._member_sale(cls.mini, cls.store_b, 4, [(cls.diaper, 3, 0.9)])
        )
        cls.wang_cancelled = cls._member_sale(cls.youzan, cls.store_a, 3, [(cls.formula, 6, 1.0)])
        cls.wang_cancelled._action_cancel()

    @classmethod
    def _member_sale(cls, channel, store, days_ago, lines):
        """A confirmed channel order of Wang (the customer is set at creation: a later change
        of customer would recompute the order's warehouse)."""
        buyer, cls.buyer = cls.buyer, cls.wang.partner_id
        try:
            return cls._sale(channel, store, cls._local(days_ago, 10), lines)
        finally:
            cls.buyer = buyer

    def setUp(self):
        super().setUp()
        self.Dashboard = self.env["chain.dashboard"]
        self.first = self.today - timedelta(days=29)
        self.Dashboard._chain_rebuild(self.first, self.today)
        self.month = {"period": "custom", "date_from": str(self.first), "date_to": str(self.today)}

    def _data(self, user, **filters):
        return self.Dashboard.with_user(user).get_dashboard_data({**self.month, **filters})

    def _wang_sales(self, stores, channels=None):
        orders = self.wang_orders.filtered(lambda o: o.warehouse_id in stores.warehouse_id)
        if channels is not None:
            orders = orders.filtered(lambda o: o.chain_channel_id in channels)
        return sum(orders.mapped("amount_total"))

    def test_a_members_channel_order_counts_in_the_member_share(self):
        stores = self.store_a | self.store_b
        for key, channels in (
            ("online", None),
            (self._key(self.youzan), self.youzan),
            (self._key(self.mini), self.mini),
        ):
            sales = self._raw_channel(stores, self.first, self.today, channels=channels)["sales"]
            expected = self._wang_sales(stores, channels)
            self.assertTrue(expected, key)
            data = self._data(self.chain_manager, channel=key)
            self.assertAlmostEqual(data["kpis"]["member_share"], expected / sales * 100, places=2, msg=key)
            self.assertAlmostEqual(data["members"]["totals"]["member_share"], expected / sales * 100, places=2, msg=key)
        # the category summaries agree: only Wang's diapers under the diapers filter
        diapers = sum(
            self.wang_orders.order_line.filtered(lambda line: line.product_id == self.diaper).mapped("price_total")
        )
        rows = self.env["chain.dashboard.channel.daily.categ"].search([("categ_id", "=", self.categ_diaper.id)])
        self.assertAlmostEqual(sum(rows.mapped("member_sales")), diapers, places=2)

    def test_a_non_members_channel_order_does_not_count(self):
        rows = self.env["chain.dashboard.channel.daily"].search([("date", ">=", self.first)])
        # the buyer's many orders and Wang's cancelled one are not members' sales
        self.assertAlmostEqual(
            sum(rows.mapped("member_sales")), self._wang_sales(self.store_a | self.store_b), places=2
        )
        self.assertGreater(sum(rows.mapped("sales")), sum(rows.mapped("member_sales")))
        # the buyer joins the chain: the next refresh of the days counts her orders
        self.env["chain.member"].create(
            {
                "name": "Buyer Wang",
                "partner_id": self.buyer.id,
                "mobile": "13900002222",
                "home_store_id": self.store_b.id,
            }
        )
        self.Dashboard._chain_refresh(self.first, self.today)
        rows = self.env["chain.dashboard.channel.daily"].search([("date", ">=", self.first)])
        self.assertAlmostEqual(sum(rows.mapped("member_sales")), sum(rows.mapped("sales")), places=2)

    def test_store_isolation(self):
        expected_a = self._wang_sales(self.store_a)
        sales_a = self._raw_channel(self.store_a, self.first, self.today)["sales"]
        for user in (self.manager_a, self.staff_a):
            data = self._data(user, channel="online")
            self.assertAlmostEqual(data["kpis"]["member_share"], expected_a / sales_a * 100, places=2, msg=user.login)
            with self.assertRaises(AccessError):
                self._data(user, channel="online", store_id=self.store_b.id)
        row_a = self.env["chain.dashboard.channel.daily"].search(
            [("store_id", "=", self.store_a.id), ("member_sales", ">", 0)], limit=1
        )
        self.assertTrue(row_a)
        with self.assertRaises(AccessError):
            row_a.with_user(self.staff_b).read(["member_sales"])
        # store B's figures hold the mini shop order only
        rows_b = self.env["chain.dashboard.channel.daily"].with_user(self.staff_b).search([])
        self.assertEqual(rows_b.store_id, self.store_b)
        self.assertAlmostEqual(sum(rows_b.mapped("member_sales")), self._wang_sales(self.store_b), places=2)

    def test_install_hook_recomputes_the_members_sales(self):
        Daily = self.env["chain.dashboard.channel.daily"]
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE chain_dashboard_channel_daily SET member_sales = 0"))
        self.env.cr.execute(SQL("UPDATE chain_dashboard_channel_daily_categ SET member_sales = 0"))
        Daily.invalidate_model()
        post_init_hook(self.env)
        self.assertAlmostEqual(
            sum(Daily.search([]).mapped("member_sales")), self._wang_sales(self.store_a | self.store_b), places=2
        )
        self.assertAlmostEqual(
            sum(self.env["chain.dashboard.channel.daily.categ"].search([]).mapped("member_sales")),
            self._wang_sales(self.store_a | self.store_b),
            places=2,
        )
