"""Tests of ``chain_demo.lib.opening_stock``: no database, no ORM."""

import doctest
import unittest
from datetime import datetime, timedelta

from odoo.addons.chain_demo.lib import opening_stock
from odoo.addons.chain_demo.lib.opening_stock import Line, Location, Product

TODAY = datetime(2026, 3, 2)
FORMULA = Product("formula", 720, 90)
DIAPERS = Product("diapers", 0, 0)


class TestLotExpirations(unittest.TestCase):
    def test_first_product_has_every_kind_of_lot(self):
        lots = dict(opening_stock.lot_expirations(FORMULA, 0, TODAY))
        self.assertEqual(list(lots), ["fresh", "older", "near", "expired"])
        self.assertEqual(lots["fresh"], TODAY + timedelta(days=720 - 14))
        self.assertEqual(lots["older"], TODAY + timedelta(days=360))
        self.assertEqual(lots["near"], TODAY + timedelta(days=45))
        self.assertEqual(lots["expired"], TODAY - timedelta(days=5))

    def test_near_lot_is_inside_the_alert_window_and_expired_lot_is_past(self):
        for seq in range(30):
            lots = dict(opening_stock.lot_expirations(FORMULA, seq, TODAY))
            self.assertGreater(lots["fresh"] - timedelta(days=FORMULA.alert_days), TODAY)
            self.assertGreater(lots["older"] - timedelta(days=FORMULA.alert_days), TODAY)
            if "near" in lots:
                self.assertTrue(TODAY < lots["near"] <= TODAY + timedelta(days=FORMULA.alert_days))
            if "expired" in lots:
                self.assertLess(lots["expired"], TODAY)

    def test_only_some_products_have_near_or_expired_lots(self):
        kinds = [[kind for kind, _date in opening_stock.lot_expirations(FORMULA, seq, TODAY)] for seq in range(6)]
        self.assertEqual(
            kinds,
            [
                ["fresh", "older", "near", "expired"],
                ["fresh", "older"],
                ["fresh", "older"],
                ["fresh", "older", "near"],
                ["fresh", "older"],
                ["fresh", "older", "expired"],
            ],
        )

    def test_untracked_product_is_refused(self):
        with self.assertRaises(ValueError):
            opening_stock.lot_expirations(DIAPERS, 0, TODAY)


class TestLotName(unittest.TestCase):
    def test_named_after_production_date_and_kind(self):
        self.assertEqual(opening_stock.lot_name("fresh", datetime(2028, 2, 16), 720), "20260226A")
        self.assertEqual(opening_stock.lot_name("expired", datetime(2026, 2, 25), 720), "20240307D")


class TestOpeningPlan(unittest.TestCase):
    def test_plan_for_a_dc_and_a_store(self):
        plan = opening_stock.opening_plan([FORMULA, DIAPERS], [Location("DC01", True), Location("SH01", False)], TODAY)
        fresh, older, near, expired = (
            (opening_stock.lot_name(kind, date, 720), date)
            for kind, date in opening_stock.lot_expirations(FORMULA, 0, TODAY)
        )
        self.assertEqual(
            plan,
            [
                Line("DC01", "formula", *fresh, 120),
                Line("DC01", "formula", *older, 60),
                Line("DC01", "formula", *near, 24),
                Line("DC01", "diapers", None, None, 220),
                Line("SH01", "formula", *fresh, 13),
                Line("SH01", "formula", *older, 5),
                Line("SH01", "formula", *expired, 2),
                Line("SH01", "diapers", None, None, 14),
            ],
        )

    def test_same_lots_in_every_location(self):
        locations = [Location(f"S{i}", False) for i in range(6)]
        plan = opening_stock.opening_plan([FORMULA], locations, TODAY)
        names = {line.lot_name for line in plan}
        self.assertEqual(len(names), 4)
        self.assertEqual({line.location for line in plan}, {loc.key for loc in locations})

    def test_dc_never_holds_expired_goods(self):
        plan = opening_stock.opening_plan([FORMULA], [Location("DC01", True)], TODAY)
        self.assertTrue(all(line.expiration > TODAY for line in plan))

    def test_same_input_same_plan(self):
        args = ([FORMULA, DIAPERS], [Location("SH01", False)], TODAY)
        self.assertEqual(opening_stock.opening_plan(*args), opening_stock.opening_plan(*args))


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(opening_stock).failed, 0)
