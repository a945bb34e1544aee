"""Tests of ``chain_stock_expiry.lib.shelf_life``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest,
without Odoo on the path.
"""

import doctest
import importlib.util
import pathlib
import unittest
from datetime import date, datetime

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "shelf_life.py"
_SPEC = importlib.util.spec_from_file_location("chain_stock_expiry_lib_shelf_life", _PATH)
sl = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(sl)

# Infant formula: 720-day life, produced 2026-01-01, expires 2027-12-22; near expiry at 1/3 of
# life left (240 days), last sale 30 days and removal 7 days before expiry; receipt needs 2/3 (480 days).
PRODUCED = date(2026, 1, 1)
EXPIRY = date(2027, 12, 22)
FORMULA = {"near": (100 / 3, "percent"), "last_sale": (30, "days"), "removal": (7, "days")}
RECEIPT_MINIMUM = (200 / 3, "percent")


class TestThresholdDays(unittest.TestCase):
    def test_days_ignore_total_life(self):
        self.assertEqual(sl.threshold_days(30, "days", 720), 30.0)
        self.assertEqual(sl.threshold_days(30, "days", None), 30.0)

    def test_percent_of_total_life(self):
        self.assertEqual(sl.threshold_days(100 / 3, "percent", 720), 240.0)
        self.assertEqual(sl.threshold_days(200 / 3, "percent", 720), 480.0)
        self.assertEqual(sl.threshold_days(10, "percent", 365), 36.5)

    def test_percent_of_unknown_life_is_none(self):
        self.assertIsNone(sl.threshold_days(50, "percent", None))
        self.assertIsNone(sl.threshold_days(50, "percent", 0))

    def test_unset_value_is_none(self):
        self.assertIsNone(sl.threshold_days(0, "days", 720))
        self.assertIsNone(sl.threshold_days(None, "percent", 720))

    def test_negative_value_is_refused(self):
        with self.assertRaises(ValueError):
            sl.threshold_days(-1, "days", 720)

    def test_unknown_unit_is_refused(self):
        with self.assertRaises(ValueError):
            sl.threshold_days(5, "weeks", 720)


class TestLifeDates(unittest.TestCase):
    def test_expiry_from_production_date(self):
        self.assertEqual(sl.expiry_from_production(PRODUCED, 720), EXPIRY)

    def test_expiry_from_production_datetime_keeps_type(self):
        self.assertEqual(sl.expiry_from_production(datetime(2026, 1, 1, 8), 1), datetime(2026, 1, 2, 8))

    def test_expiry_needs_both(self):
        self.assertIsNone(sl.expiry_from_production(None, 720))
        self.assertIsNone(sl.expiry_from_production(PRODUCED, None))

    def test_total_life_from_dates(self):
        self.assertEqual(sl.total_life_days(PRODUCED, EXPIRY), 720.0)
        self.assertEqual(sl.total_life_days(datetime(2026, 1, 1, 0), datetime(2026, 1, 2, 12)), 1.5)

    def test_total_life_mixed_types_compare_by_date(self):
        self.assertEqual(sl.total_life_days(PRODUCED, datetime(2027, 12, 22, 10)), 720.0)

    def test_total_life_falls_back_on_default(self):
        self.assertEqual(sl.total_life_days(None, EXPIRY, 540), 540)
        self.assertEqual(sl.total_life_days(PRODUCED, None, 540), 540)
        self.assertIsNone(sl.total_life_days(None, EXPIRY))
        self.assertIsNone(sl.total_life_days(None, EXPIRY, 0))


class TestStageDates(unittest.TestCase):
    def test_infant_formula(self):
        self.assertEqual(
            sl.stage_dates(EXPIRY, 720, **FORMULA),
            {"near": date(2027, 4, 26), "last_sale": date(2027, 11, 22), "removal": date(2027, 12, 15)},
        )

    def test_production_only_lot(self):
        # only the production date is printed: expiry and total life come from the 720-day policy
        expiry = sl.expiry_from_production(PRODUCED, 720)
        total = sl.total_life_days(PRODUCED, expiry)
        self.assertEqual(sl.stage_dates(expiry, total, near=(100 / 3, "percent"))["near"], date(2027, 4, 26))

    def test_datetime_expiry(self):
        dates = sl.stage_dates(datetime(2027, 12, 22, 12), 720, near=(25, "percent"), removal=(0.5, "days"))
        self.assertEqual(
            dates, {"near": datetime(2027, 6, 25, 12), "last_sale": None, "removal": datetime(2027, 12, 22, 0)}
        )

    def test_unset_stages(self):
        self.assertEqual(sl.stage_dates(EXPIRY, 720), {"near": None, "last_sale": None, "removal": None})
        self.assertEqual(
            sl.stage_dates(EXPIRY, None, near=(50, "percent"), removal=(7, "days")),
            {"near": None, "last_sale": None, "removal": date(2027, 12, 15)},
        )
        self.assertEqual(sl.stage_dates(None, 720, **FORMULA), {"near": None, "last_sale": None, "removal": None})

    def test_bad_threshold_is_refused(self):
        with self.assertRaises(ValueError):
            sl.stage_dates(EXPIRY, 720, near=(-5, "days"))


class TestStageOn(unittest.TestCase):
    dates = sl.stage_dates(EXPIRY, 720, **FORMULA)

    def test_each_boundary_day_before_and_day_of(self):
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
        self.assertEqual([(day, sl.stage_on(day, EXPIRY, self.dates)) for day, _stage in cases], cases)

    def test_missing_dates_are_skipped(self):
        dates = {"near": date(2027, 4, 26), "last_sale": None}
        self.assertEqual(sl.stage_on(date(2027, 12, 20), EXPIRY, dates), "near")
        self.assertEqual(sl.stage_on(date(2027, 12, 20), EXPIRY, {}), "ok")

    def test_datetimes(self):
        expiry = datetime(2027, 12, 22, 12)
        dates = {"near": None, "last_sale": None, "removal": datetime(2027, 12, 15, 12)}
        self.assertEqual(sl.stage_on(datetime(2027, 12, 15, 11, 59), expiry, dates), "ok")
        self.assertEqual(sl.stage_on(datetime(2027, 12, 15, 12), expiry, dates), "removal")
        self.assertEqual(sl.stage_on(datetime(2027, 12, 22, 12), expiry, dates), "expired")

    def test_datetime_against_dates(self):
        self.assertEqual(sl.stage_on(datetime(2027, 12, 15, 1), EXPIRY, self.dates), "removal")

    def test_stages_in_increasing_severity(self):
        self.assertEqual(sl.STAGES, ("ok", "near", "last_sale", "removal", "expired"))


class TestRemainingLife(unittest.TestCase):
    def test_days_and_fraction(self):
        self.assertEqual(sl.remaining_life(EXPIRY, date(2027, 12, 12), 720), (10, 10 / 720))

    def test_times_are_ignored(self):
        self.assertEqual(sl.remaining_life(datetime(2027, 12, 22, 1), datetime(2027, 12, 21, 23)), (1, None))

    def test_negative_days_left_not_clamped(self):
        self.assertEqual(sl.remaining_life(EXPIRY, datetime(2027, 12, 24, 9), 720), (-2, -2 / 720))
        self.assertEqual(sl.remaining_life(EXPIRY, datetime(2027, 12, 24, 9), None), (-2, None))


class TestCheckRemaining(unittest.TestCase):
    def test_receipt_needs_two_thirds_of_formula_life(self):
        self.assertEqual(sl.check_remaining(EXPIRY, date(2026, 8, 29), RECEIPT_MINIMUM, 720), (True, 480, 480 / 720))
        self.assertEqual(sl.check_remaining(EXPIRY, date(2026, 8, 30), RECEIPT_MINIMUM, 720), (False, 479, 479 / 720))

    def test_days_minimum_without_total_life(self):
        self.assertEqual(sl.check_remaining(EXPIRY, date(2027, 11, 22), (30, "days"), None), (True, 30, None))
        self.assertEqual(sl.check_remaining(EXPIRY, date(2027, 11, 23), (30, "days"), None), (False, 29, None))

    def test_no_minimum_is_ok(self):
        self.assertEqual(sl.check_remaining(EXPIRY, date(2028, 1, 1), None, 720), (True, -10, -10 / 720))

    def test_percent_of_unknown_life_cannot_refuse(self):
        self.assertEqual(sl.check_remaining(EXPIRY, date(2027, 12, 1), (50, "percent"), None), (True, 21, None))

    def test_bad_minimum_is_refused(self):
        with self.assertRaises(ValueError):
            sl.check_remaining(EXPIRY, date(2027, 12, 1), (5, "months"), 720)


class TestSuggestAction(unittest.TestCase):
    def test_past_removal_returns_or_scraps(self):
        self.assertEqual(sl.suggest_action(5, 0, 1, {"B": 9}, True), ("return", None))
        self.assertEqual(sl.suggest_action(5, -3, 1, {"B": 9}, False), ("scrap", None))

    def test_sells_in_time(self):
        # 0.5/day x 20 days = 10 units: exactly the quantity
        self.assertEqual(sl.suggest_action(10, 20, 0.5, {"B": 9}, True), ("sell", None))

    def test_transfer_to_fastest_store(self):
        # own 0.5 x 12 = 6; after 2 transfer days B sells 2 x 10 = 20, C 3 x 10 = 30, D nothing
        self.assertEqual(sl.suggest_action(30, 12, 0.5, {"B": 2, "C": 3, "D": 0}, True), ("transfer", "C"))

    def test_tie_goes_to_smallest_key(self):
        self.assertEqual(sl.suggest_action(30, 12, 0, {"Z": 3, "C": 3}, False), ("transfer", "C"))

    def test_exactly_fifty_percent_more_transfers(self):
        # own 1 x 10 = 10; B 1.875 x 8 = 15
        self.assertEqual(sl.suggest_action(30, 10, 1, {"B": 1.875}, False), ("transfer", "B"))

    def test_less_than_fifty_percent_more_does_not_transfer(self):
        # own 1 x 10 = 10; B 1.8 x 8 = 14.4
        self.assertEqual(sl.suggest_action(30, 10, 1, {"B": 1.8}, False), ("markdown", None))
        self.assertEqual(sl.suggest_action(30, 10, 1, {"B": 1.8}, True), ("return", None))

    def test_no_time_left_after_transfer(self):
        # 2 days to removal, 2 days on the road: nobody sells anything
        self.assertEqual(sl.suggest_action(30, 2, 0, {"B": 50}, False), ("markdown", None))

    def test_transfer_days_is_configurable(self):
        self.assertEqual(sl.suggest_action(30, 2, 0, {"B": 50}, False, transfer_days=1), ("transfer", "B"))


class TestDailyRate(unittest.TestCase):
    def test_rate(self):
        self.assertEqual(sl.daily_rate(28, 14), 2.0)

    def test_empty_window(self):
        self.assertEqual(sl.daily_rate(5, 0), 0.0)
        self.assertEqual(sl.daily_rate(5, -1), 0.0)


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(sl).failed, 0)


if __name__ == "__main__":
    unittest.main()
