from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.chain_store.tests.common import ChainStoreCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-18 04:00:00")  # 12:00 in Shanghai
class TestTargetDashboard(ChainStoreCase):
    """This month's target achievement per store on the dashboard, on a fixed history.

    Store A sold 400 of formula and 600 of diapers (untaxed) in March, 1,000 in February;
    2 members joined it in March (1 in February). Its own target: 2,000 of sales, 4 members,
    a formula share of 50 %. Store B sold 300 of diapers; it has no target of its own, its two
    guides have 500 and 1,000 of sales targets and formula share targets of 30 % and 50 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("chain_dashboard.tz", "Asia/Shanghai")
        Product = cls.env["product.product"]
        cls.formula = Product.create({"name": "Formula stage 2 (target test)", "chain_formula_stage": "2"})
        cls.diaper = Product.create({"name": "Diapers L (target test)"})
        cls.config_a = cls._pos_config(cls.store_a)
        cls.config_b = cls._pos_config(cls.store_b)
        cls._order(cls.config_a, datetime(2026, 3, 2, 3), [(cls.formula, 400.0)])
        cls._order(cls.config_a, datetime(2026, 3, 17, 9), [(cls.diaper, 600.0)])
        cls._order(cls.config_a, datetime(2026, 2, 27, 9), [(cls.formula, 1000.0)])
        cls._order(cls.config_b, datetime(2026, 3, 10, 9), [(cls.diaper, 300.0)])
        Member = cls.env["chain.member"]
        for name, mobile, joined in (
            ("Member 1 (test)", "13800000001", date(2026, 3, 1)),
            ("Member 2 (test)", "13800000002", date(2026, 3, 18)),
            ("Member 3 (test)", "13800000003", date(2026, 2, 28)),
        ):
            Member.create({"name": name, "mobile": mobile, "home_store_id": cls.store_a.id, "join_date": joined})
        guide_1, guide_2 = cls.env["hr.employee"].create(
            [
                {"name": "Guide B1 (test)", "chain_store_id": cls.store_b.id},
                {"name": "Guide B2 (test)", "chain_store_id": cls.store_b.id},
            ]
        )
        Target = cls.env["chain.commission.target"]
        march = date(2026, 3, 1)
        Target.create(
            [
                {
                    "month": march,
                    "store_id": cls.store_a.id,
                    "sales_target": 2000.0,
                    "members_target": 4,
                    "formula_share_target": 50.0,
                },
                {"month": date(2026, 2, 1), "store_id": cls.store_a.id, "sales_target": 99999.0},
                {
                    "month": march,
                    "store_id": cls.store_b.id,
                    "employee_id": guide_1.id,
                    "sales_target": 500.0,
                    "formula_share_target": 30.0,
                },
                {
                    "month": march,
                    "store_id": cls.store_b.id,
                    "employee_id": guide_2.id,
                    "sales_target": 1000.0,
                    "formula_share_target": 50.0,
                },
            ]
        )
        cls.env["chain.dashboard"]._chain_refresh(date(2026, 2, 1), date(2026, 3, 18))

    @classmethod
    def _order(cls, config, when, lines):
        """A paid POS order at ``when`` (UTC) with ``lines`` = [(product, untaxed amount)] (13 % VAT)."""
        if not config.current_session_id:
            config.open_ui()
        total = sum(round(amount * 1.13, 2) for _product, amount in lines)
        order = cls.env["pos.order"].create(
            {
                "session_id": config.current_session_id.id,
                "amount_total": total,
                "amount_tax": 0.0,
                "amount_paid": total,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "qty": 1,
                            "price_unit": amount,
                            "price_subtotal": amount,
                            "price_subtotal_incl": round(amount * 1.13, 2),
                        }
                    )
                    for product, amount in lines
                ],
            }
        )
        order.write({"state": "paid", "date_order": when})
        return order

    def _section(self, user):
        Dashboard = self.env["chain.dashboard"].with_user(user)
        return Dashboard.get_dashboard_data({"period": "today"})["targets"]

    def test_achievement_per_store(self):
        section = self._section(self.chain_manager)
        self.assertEqual((section["month"], section["first"], section["last"]), ("2026-03", "2026-03-01", "2026-03-18"))
        rows = {row["code"]: row for row in section["stores"]}
        self.assertEqual(
            {key: rows["TA01"][key] for key in rows["TA01"] if key not in ("store_id", "name", "code")},
            {
                "sales": 1000.0,
                "sales_target": 2000.0,
                "sales_achievement": 50.0,
                "members": 2,
                "members_target": 4,
                "members_achievement": 50.0,
                "formula_share": 40.0,
                "formula_share_target": 50.0,
                "formula_share_achievement": 80.0,
            },
        )
        self.assertEqual(
            (rows["TB01"]["sales_target"], rows["TB01"]["sales_achievement"], rows["TB01"]["formula_share_target"]),
            (1500.0, 20.0, 40.0),
            "store B's target is the sum of its guides' (the formula share: their mean)",
        )
        self.assertEqual((rows["TB01"]["members"], rows["TB01"]["members_achievement"]), (0, None))
        self.assertEqual(section["stores"][0]["code"], "TA01", "the best achievement first")
        totals = section["totals"]
        self.assertEqual((totals["sales"], totals["sales_target"], totals["sales_achievement"]), (1300.0, 3500.0, 37.1))
        self.assertEqual((totals["formula_share"], totals["formula_share_target"]), (30.8, 45.7))
        self.assertEqual((totals["members"], totals["members_target"], totals["members_achievement"]), (2, 4, 50.0))

    def test_store_user_sees_own_store_only(self):
        section = self._section(self.staff_a)
        self.assertEqual([row["code"] for row in section["stores"]], ["TA01"])
        self.assertEqual(section["totals"]["sales_achievement"], 50.0)

    def test_formula_sales_follow_the_summaries(self):
        Daily = self.env["chain.dashboard.daily"]
        summaries = Daily.search([("store_id", "=", self.store_a.id)])
        self.assertEqual(
            {(s.date, s.sales_untaxed, s.formula_sales) for s in summaries},
            {
                (date(2026, 2, 27), 1000.0, 1000.0),
                (date(2026, 3, 2), 400.0, 400.0),
                (date(2026, 3, 17), 600.0, 0.0),
            },
        )
        # a formula sale later in the day is counted once the day is refreshed
        self._order(self.config_a, datetime(2026, 3, 17, 10), [(self.formula, 100.0)])
        self.env["chain.dashboard"]._chain_refresh(date(2026, 3, 17), date(2026, 3, 17))
        section = self._section(self.chain_manager)
        row = next(row for row in section["stores"] if row["code"] == "TA01")
        self.assertEqual((row["sales"], row["formula_share"]), (1100.0, 45.5))
