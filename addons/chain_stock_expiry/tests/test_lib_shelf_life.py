"""Tests of ``chain_stock_expiry.lib.shelf_life``: no database, no ORM."""

import unittest
from datetime import date, datetime

from odoo.addons.chain_stock_expiry.lib import shelf_life as sl

# Infant formula: 720-day life, produced 2026-01-01, expires 2027-12-22.
PRODUCED = date(2026, 1, 1)
EXPIRY = date(2027, 12, 22)
FORMULA = {"near": (100 / 3, "percent"), "last_sale": (30, "days"), "removal": (7, "days")}


class TestThresholds(unittest.TestCase):
    def test_days_and_percent(self):
        self.assertEqual(sl.threshold_days(30, "days", 720), 30.0)
        self.assertAlmostEqual(sl.threshold_days(100 / 3, "percent", 720), 240.0)
        self.assertIsNone(sl.threshold_days(50, "percent", None), "a share of an unknown life")
        self.assertIsNone(sl.threshold_days(0, "days", 720))
        self.assertIsNone(sl.threshold_days(None, "days", 720))

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            sl.threshold_days(-1, "days", 720)
        with self.assertRaises(ValueError):
            sl.threshold_days(5, "weeks", 720)


class TestDates(unittest.TestCase):
    def test_expiry_from_production(self):
        self.assertEqual(sl.expiry_from_production(PRODUCED, 720), EXPIRY)
        self.assertEqual(sl.expiry_from_production(datetime(2026, 1, 1, 8), 1), datetime(2026, 1, 2, 8))
        self.assertIsNone(sl.expiry_from_production(None, 720))
        self.assertIsNone(sl.expiry_from_production(PRODUCED, None))

    def test_total_life(self):
        self.assertEqual(sl.total_life_days(PRODUCED, EXPIRY), 720)
        self.assertEqual(sl.total_life_days(PRODUCED, datetime(2027, 12, 22, 10)), 720, "date against datetime")
        self.assertEqual(sl.total_life_days(None, EXPIRY, 540), 540)
        self.assertIsNone(sl.total_life_days(None, EXPIRY))

    def test_formula_stage_dates(self):
        dates = sl.stage_dates(EXPIRY, 720, **FORMULA)
        self.assertEqual(
            dates, {"near": date(2027, 4, 26), "last_sale": date(2027, 11, 22), "removal": date(2027, 12, 15)}
        )

    def test_unset_stages(self):
        self.assertEqual(sl.stage_dates(EXPIRY, 720), {"near": None, "last_sale": None, "removal": None})
        self.assertEqual(sl.stage_dates(EXPIRY, None, near=(50, "percent"))["near"], None)


class TestStages(unittest.TestCase):
    dates = sl.stage_dates(EXPIRY, 720, **FORMULA)

    def _stage(self, day):
        return sl.stage_on(day, EXPIRY, self.dates)

    def test_each_boundary(self):
        cases = [
            (date(2027, 4, 25), "ok"),
            (date(2027, 4, 26), "near"),
            (date(2027, 11, 21), "near"),
            (date(2027, 11, 22), "last_sale"),
            (date(2027, 12, 14), "last_sale"),
            (date(2027, 12, 15), "removal"),
            (date(2027, 12, 21), "removal"),
            (date(2027, 12, 22), "expired"),
            (date(2028, 1, 5), "expired"),
        ]
        self.assertEqual([(day, self._stage(day)) for day, _stage in cases], cases)

    def test_missing_dates_are_skipped(self):
        self.assertEqual(sl.stage_on(date(2027, 12, 20), EXPIRY, {"near": None}), "ok")


class TestRemaining(unittest.TestCase):
    def test_remaining_life(self):
        self.assertEqual(sl.remaining_life(EXPIRY, date(2027, 12, 12), 720), (10, 10 / 720))
        self.assertEqual(sl.remaining_life(EXPIRY, datetime(2027, 12, 24, 9), None), (-2, None))

    def test_receipt_needs_two_thirds(self):
        minimum = (200 / 3, "percent")  # 480 days
        self.assertEqual(sl.check_remaining(EXPIRY, date(2026, 8, 29), minimum, 720), (True, 480, 480 / 720))
        self.assertEqual(sl.check_remaining(EXPIRY, date(2026, 8, 30), minimum, 720)[:2], (False, 479))

    def test_days_minimum_and_undecidable(self):
        self.assertFalse(sl.check_remaining(EXPIRY, date(2027, 12, 1), (30, "days"), None)[0])
        self.assertTrue(sl.check_remaining(EXPIRY, date(2027, 12, 1), None, 720)[0], "no minimum")
        self.assertTrue(
            sl.check_remaining(EXPIRY, date(2027, 12, 1), (50, "percent"), None)[0], "unknown life: cannot refuse"
        )


class TestSuggestion(unittest.TestCase):
    def test_past_removal(self):
        self.assertEqual(sl.suggest_action(5, 0, 1, {}, True), ("return", None))
        self.assertEqual(sl.suggest_action(5, -3, 1, {}, False), ("scrap", None))

    def test_sells_in_time(self):
        self.assertEqual(sl.suggest_action(10, 20, 0.5, {"B": 9}, False), ("sell", None))

    def test_transfer_to_fastest_store(self):
        self.assertEqual(sl.suggest_action(30, 12, 0.5, {"B": 2, "C": 3, "D": 0}, False), ("transfer", "C"))

    def test_tie_goes_to_first_key(self):
        self.assertEqual(sl.suggest_action(30, 12, 0, {"Z": 3, "C": 3}, False), ("transfer", "C"))

    def test_not_much_faster_is_no_transfer(self):
        # own 1/day x 10 = 10; B 1.2/day x 8 = 9.6: not 50 % more
        self.assertEqual(sl.suggest_action(30, 10, 1, {"B": 1.2}, False), ("markdown", None))

    def test_return_before_markdown(self):
        self.assertEqual(sl.suggest_action(30, 10, 1, {}, True), ("return", None))

    def test_daily_rate(self):
        self.assertEqual(sl.daily_rate(28, 28), 1)
        self.assertEqual(sl.daily_rate(5, 0), 0.0)


if __name__ == "__main__":
    unittest.main()
