from datetime import datetime, time, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ChainDashboardCase


@tagged("post_install", "-at_install")
class TestDashboardStock(ChainDashboardCase):
    """Stock of a test category in stores A and B, with known costs, lots and POS sales.

    Store A: 5 "slow" at 10 (never sold), 11 "lot" at 20 in five lots expiring in 3, 20, 60,
    -2 and 200 days (2 sold 5 days ago), no "out" (1 sold 3 days ago). Store B: 1 "slow",
    2 "out" at 30 (1 sold 20 days ago).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ_stock = cls.env["product.category"].create({"name": "Stock figures (test)"})
        cls.has_expiry = cls.env["chain.dashboard"]._chain_has_expiry()

        def product(name, cost, **vals):
            if cls.has_expiry and vals.get("tracking"):
                vals["use_expiration_date"] = True
            return cls.env["product.product"].create(
                {
                    "name": name,
                    "is_storable": True,
                    "categ_id": cls.categ_stock.id,
                    "standard_price": cost,
                    "list_price": cost * 2,
                    **vals,
                }
            )

        cls.p_slow = product("Slow wipes (test)", 10.0)
        cls.p_lot = product("Lot formula (test)", 20.0, tracking="lot")
        cls.p_out = product("Out bottles (test)", 30.0)
        Quant = cls.env["stock.quant"]
        stock_a, stock_b = cls.wh_a.lot_stock_id, cls.wh_b.lot_stock_id
        Quant._update_available_quantity(cls.p_slow, stock_a, 5)
        Quant._update_available_quantity(cls.p_slow, stock_b, 1)
        Quant._update_available_quantity(cls.p_out, stock_b, 2)
        for days, qty in ((3, 2), (20, 3), (60, 1), (-2, 1), (200, 4)):
            vals = {"name": f"L{days} (test)", "product_id": cls.p_lot.id}
            if cls.has_expiry:
                # noon local time (UTC+8) of the day
                day = cls.today + timedelta(days=days)
                vals["expiration_date"] = datetime.combine(day, time(4, 0))
            lot = cls.env["stock.lot"].create(vals)
            Quant._update_available_quantity(cls.p_lot, stock_a, qty, lot_id=lot)
        cls.writeoff = cls.env.ref("chain_stock_expiry.stock_location_expired_writeoff", raise_if_not_found=False)
        if cls.writeoff:
            # 1 wipes of store A written off as expired (the quant keeps 5 after it)
            Quant._update_available_quantity(cls.p_slow, stock_a, 1)
            scrap = cls.env["stock.scrap"].create(
                {
                    "product_id": cls.p_slow.id,
                    "scrap_qty": 1,
                    "location_id": stock_a.id,
                    "scrap_location_id": cls.writeoff.id,
                }
            )
            scrap.do_scrap()
        cls._order(cls.config_a, cls._local(5, 10), [(cls.p_lot, 2)])
        cls._order(cls.config_a, cls._local(3, 11), [(cls.p_out, 1)])
        cls._order(cls.config_b, cls._local(20, 12), [(cls.p_out, 1)])

    def setUp(self):
        super().setUp()
        self.Dashboard = self.env["chain.dashboard"]
        self.Dashboard._chain_rebuild(self.today - timedelta(days=100), self.today)
        self.filters = {
            "period": "custom",
            "date_from": str(self.today - timedelta(days=29)),
            "date_to": str(self.today),
            "categ_id": self.categ_stock.id,
        }

    def _stock(self, user, **filters):
        return self.Dashboard.with_user(user).get_dashboard_stock({**self.filters, **filters})

    def test_chain_figures(self):
        stock = self._stock(self.chain_manager)
        # A: 5 x 10 + 11 x 20 = 270; B: 1 x 10 + 2 x 30 = 70
        self.assertAlmostEqual(stock["value"], 340.0, places=2)
        # 4 units sold in 30 days: 19 / (4 / 30)
        self.assertEqual(stock["days_of_cover"], 142.5)
        # cost of sales 2 x 20 + 2 x 30 = 100 on a stock of 340
        self.assertEqual(stock["turnover"], round(100 / 340, 2))
        # slow: wipes in A and in B; stockout: bottles in A (B has 2, its sale is 20 days old)
        self.assertEqual((stock["slow_movers"], stock["stockouts"]), (2, 1))
        if self.writeoff:
            self.assertEqual(stock["writeoff"], {"value": 10.0, "units": 1.0})
            # the write-off is in the store of A only, and not in a period before it
            self.assertEqual(self._stock(self.chain_manager, store_id=self.store_b.id)["writeoff"]["value"], 0.0)
            before = self._stock(
                self.chain_manager,
                date_from=str(self.today - timedelta(days=60)),
                date_to=str(self.today - timedelta(days=31)),
            )
            self.assertEqual(before["writeoff"]["value"], 0.0)

    def test_a_new_sale_moves_the_last_sale_day_forward_only(self):
        """Slow movers and stockouts read the last sale days kept with the summaries: a sale of
        the slow wipes today takes them off the slow movers of store A once the summaries are
        refreshed, and rebuilding an older period does not bring them back."""
        LastSale = self.env["chain.dashboard.last.sale"]
        self.assertFalse(LastSale.search([("product_id", "=", self.p_slow.id)]))
        out_a = LastSale.search([("product_id", "=", self.p_out.id), ("store_id", "=", self.store_a.id)])
        self.assertEqual(out_a.date, self.today - timedelta(days=3))
        self._order(self.config_a, self._local(0, 9), [(self.p_slow, 1)])
        self.Dashboard._cron_chain_refresh()
        slow_a = LastSale.search([("product_id", "=", self.p_slow.id)])
        self.assertEqual((slow_a.store_id, slow_a.date), (self.store_a, self.today))
        self.assertEqual(
            (self._stock(self.manager_a)["slow_movers"], self._stock(self.chain_manager)["slow_movers"]), (0, 1)
        )
        self.Dashboard._chain_rebuild(self.today - timedelta(days=100), self.today - timedelta(days=10))
        self.assertEqual(slow_a.date, self.today)
        self.assertEqual(out_a.date, self.today - timedelta(days=3))

    def test_stock_figures_are_a_snapshot_refreshed_by_the_cron(self):
        """The stock row shows the figures of the last refresh (and when it was); 3 more
        wipes in store B show after the next cron run, not before."""
        before = self._stock(self.chain_manager)
        self.assertTrue(before["as_of"])
        self.env["stock.quant"]._update_available_quantity(self.p_slow, self.wh_b.lot_stock_id, 3)
        self.assertAlmostEqual(self._stock(self.chain_manager)["value"], 340.0, places=2)
        self.Dashboard._cron_chain_refresh()
        after = self._stock(self.chain_manager)
        self.assertAlmostEqual(after["value"], 370.0, places=2)
        self.assertEqual(after["units"], 22.0)
        self.assertAlmostEqual(self._stock(self.manager_a)["value"], 270.0, places=2)
        Snapshot = self.env["chain.dashboard.stock"]
        self.assertEqual(
            Snapshot.with_user(self.manager_a).search([("categ_id", "=", self.categ_stock.id)]).store_id, self.store_a
        )

    def test_stock_that_cannot_be_sold_does_not_hide_a_stockout(self):
        """Rice sold in store A two days ago whose only units there sit in quarantine: a stockout
        (with chain_stock_expiry, which says what is sellable)."""
        if "chain.stock.sellable" not in self.env:
            self.skipTest("chain_stock_expiry is not installed")
        before = self._stock(self.manager_a)["stockouts"]
        rice = self.env["product.product"].create(
            {"name": "Quarantined rice (test)", "is_storable": True, "categ_id": self.categ_stock.id, "list_price": 9}
        )
        quarantine = self.wh_a._chain_quarantine_location()
        self.env["stock.quant"]._update_available_quantity(rice, quarantine, 3)
        self._order(self.config_a, self._local(2, 10), [(rice, 1)])
        self.Dashboard._chain_rebuild(self.today - timedelta(days=10), self.today)
        stock = self._stock(self.manager_a)
        self.assertEqual(stock["stockouts"], before + 1)

    def test_last_sale_rows_are_store_scoped(self):
        LastSale = self.env["chain.dashboard.last.sale"]
        self.assertEqual(
            LastSale.with_user(self.manager_a).search([("product_id", "=", self.p_out.id)]).store_id, self.store_a
        )
        self.assertEqual(
            LastSale.with_user(self.chain_manager).search([("product_id", "=", self.p_out.id)]).store_id,
            self.store_a | self.store_b,
        )

    def test_expiry_buckets(self):
        if not self.has_expiry:
            self.skipTest("product_expiry is not installed")
        stock = self._stock(self.chain_manager)
        self.assertEqual(
            {b["bucket"]: (b["value"], b["units"]) for b in stock["expiry"]},
            {"expired": (20.0, 1.0), "0_7": (40.0, 2.0), "8_30": (60.0, 3.0), "31_90": (20.0, 1.0)},
        )

    def test_store_manager_sees_own_store(self):
        stock = self._stock(self.manager_a)
        self.assertAlmostEqual(stock["value"], 270.0, places=2)
        self.assertEqual(stock["units"], 16.0)
        # 3 units sold in A in 30 days: 16 / (3 / 30)
        self.assertEqual(stock["days_of_cover"], 160.0)
        self.assertEqual((stock["slow_movers"], stock["stockouts"]), (1, 1))
        with self.assertRaises(AccessError):
            self._stock(self.manager_a, store_id=self.store_b.id)
        stock_b = self._stock(self.chain_manager, store_id=self.store_b.id)
        self.assertAlmostEqual(stock_b["value"], 70.0, places=2)
        self.assertEqual((stock_b["slow_movers"], stock_b["stockouts"]), (1, 0))
        # a period without sales has no days of cover
        empty = self._stock(
            self.manager_a,
            date_from=str(self.today - timedelta(days=400)),
            date_to=str(self.today - timedelta(days=380)),
        )
        self.assertIsNone(empty["days_of_cover"])

    def test_writeoff_drilldown_lists_the_expired_moves(self):
        if not self.writeoff:
            self.skipTest("chain_stock_expiry is not installed")
        action = self.Dashboard.with_user(self.chain_manager).action_stock_drilldown(self.filters, "writeoff")
        moves = self.env["stock.move"].search(action["domain"])
        self.assertEqual((action["res_model"], moves.product_id, moves.product_qty), ("stock.move", self.p_slow, 1.0))
        self.assertFalse(
            self.env["stock.move"].search(
                self.Dashboard.with_user(self.chain_manager).action_stock_drilldown(
                    {**self.filters, "store_id": self.store_b.id}, "writeoff"
                )["domain"]
            )
        )

    def test_drilldowns(self):
        Dashboard = self.Dashboard.with_user(self.manager_a)
        slow = Dashboard.action_stock_drilldown(self.filters, "slow")
        quants = self.env["stock.quant"].search(slow["domain"])
        self.assertEqual(slow["res_model"], "stock.quant")
        self.assertEqual((quants.product_id, quants.warehouse_id), (self.p_slow, self.wh_a))
        out = Dashboard.action_stock_drilldown(self.filters, "stockout")
        self.assertEqual(self.env["product.product"].search(out["domain"]), self.p_out)
        value = Dashboard.action_stock_drilldown(self.filters, "value")
        quants = self.env["stock.quant"].search(value["domain"])
        self.assertEqual(sum(quants.mapped("quantity")), 16.0)
        self.assertEqual(quants.warehouse_id, self.wh_a)
        if self.has_expiry:
            expiry = Dashboard.action_stock_drilldown(self.filters, "expiry")
            self.assertEqual(self.env["stock.quant"].search(expiry["domain"]).product_id, self.p_lot)
        with self.assertRaises(ValidationError):
            Dashboard.action_stock_drilldown(self.filters, "bogus")
        with self.assertRaises(AccessError):
            Dashboard.action_stock_drilldown({**self.filters, "store_id": self.store_b.id}, "value")
