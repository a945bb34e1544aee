"""Tests of ``chain_stock_replenish.lib.forecast``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest,
without Odoo on the path. Every series is fixed: the expected figures are exact.
"""

import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "forecast.py"
_SPEC = importlib.util.spec_from_file_location("chain_stock_replenish_lib_forecast", _PATH)
fc = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fc)

WEEK = [2, 2, 2, 2, 2, 4, 4]  # Monday to Sunday: a weekend store


class TestDoctests(unittest.TestCase):
    def test_docstring_examples(self):
        failures, tried = doctest.testmod(fc, optionflags=doctest.ELLIPSIS)[:2]
        self.assertGreater(tried, 10)
        self.assertEqual(failures, 0)


class TestCleanSeries(unittest.TestCase):
    def test_bulk_purchase_is_capped_at_four_times_the_median(self):
        series = [3, 3, 2, 3, 60, 3, 3]
        self.assertEqual(fc.clean_series(series), [3.0, 3.0, 2.0, 3.0, 12.0, 3.0, 3.0])

    def test_returns_count_as_zero_and_none_as_zero(self):
        self.assertEqual(fc.clean_series([None, -4, 1]), [0.0, 0.0, 1.0])

    def test_too_few_selling_days_are_left_alone(self):
        self.assertEqual(fc.clean_series([0, 0, 50, 1, 0, 1]), [0.0, 0.0, 50.0, 1.0, 0.0, 1.0])


class TestWeekdayFactors(unittest.TestCase):
    def test_weekend_sells_more_and_factors_average_one(self):
        factors = fc.weekday_factors(WEEK * 8, start_weekday=0)
        self.assertAlmostEqual(sum(factors) / 7, 1.0)
        self.assertGreater(factors[5], 1.3)
        self.assertLess(factors[0], 0.85)
        self.assertAlmostEqual(factors[5], factors[6])

    def test_start_weekday_rotates_the_pattern(self):
        # the same sales starting on a Saturday: Saturday and Sunday are the first two days
        factors = fc.weekday_factors(([4, 4] + [2] * 5) * 8, start_weekday=5)
        self.assertGreater(factors[5], 1.3)
        self.assertLess(factors[2], 0.85)

    def test_a_trend_is_not_a_weekday_pattern(self):
        growing = [1 + day / 10 for day in range(42)]
        for factor in fc.weekday_factors(growing, start_weekday=0):
            self.assertAlmostEqual(factor, 1.0, places=2)

    def test_short_or_empty_history_gives_neutral_factors(self):
        self.assertEqual(fc.weekday_factors(WEEK, start_weekday=0), [1.0] * 7)
        self.assertEqual(fc.weekday_factors([0] * 28, start_weekday=0), [1.0] * 7)


class TestForecastDaily(unittest.TestCase):
    def test_flat_series_forecasts_its_level(self):
        self.assertEqual([round(q, 6) for q in fc.forecast_daily([3] * 28, 0, 5)], [3.0] * 5)

    def test_weekend_pattern_is_projected_on_the_right_days(self):
        # 56 days from a Monday: the next day is a Monday again
        daily = fc.forecast_daily(WEEK * 8, start_weekday=0, horizon_days=7)
        self.assertLess(daily[0], 2.3)
        self.assertGreater(daily[5], 3.6)
        self.assertAlmostEqual(sum(daily), 18.0, delta=0.5)

    def test_trend_is_damped(self):
        growing = [10 + day for day in range(28)]  # +1 a day, last day 37
        daily = fc.forecast_daily(growing, start_weekday=0, horizon_days=60)
        self.assertGreater(daily[0], 37.0)
        # damped: never more than 9 days of slope above the last level
        self.assertLess(daily[-1], 37.0 + 9.0 + 0.01)
        self.assertLess(daily[-1] - daily[-2], 0.01)

    def test_declining_product_never_goes_negative(self):
        falling = [max(20 - day, 0) for day in range(28)]
        self.assertEqual(min(fc.forecast_daily(falling, 0, 30)), 0.0)

    def test_short_history_uses_the_plain_mean(self):
        self.assertEqual(fc.forecast_daily([1, 2, 3, 6], start_weekday=3, horizon_days=2), [3.0, 3.0])

    def test_outlier_does_not_inflate_the_forecast(self):
        series = [2] * 27 + [200]
        self.assertLess(fc.average_daily_forecast(series, 0, 7), 3.0)

    def test_all_zero_history(self):
        self.assertEqual(fc.forecast_daily([0] * 56, 0, 3), [0.0, 0.0, 0.0])

    def test_no_sale_forecasts_zero_whatever_the_window(self):
        """The models skip the forecast of a pair that sold nothing in the window (0): it must be the
        forecast's own answer for every window, weekday and horizon."""
        for days in (0, 1, 13, 14, 21, 28, 56, 90):
            for weekday in range(7):
                for horizon in (1, 9, 30):
                    self.assertEqual(fc.average_daily_forecast([0.0] * days, weekday, horizon), 0.0)

    def test_bad_arguments_raise(self):
        with self.assertRaises(ValueError):
            fc.forecast_daily([1], 0, -1)
        with self.assertRaises(ValueError):
            fc.forecast_daily([1], 7, 1)
        with self.assertRaises(ValueError):
            fc.forecast_daily([1], 0, 1, damping=1.5)


class TestOrderQuantity(unittest.TestCase):
    ARGS = {"lead_time_days": 2, "review_days": 7, "safety_days": 3}  # 12 days of cover

    def test_rounds_up_to_the_pack(self):
        # 12 days x 2/day = 24, minus 10 in store = 14 -> 3 cases of 6
        self.assertEqual(fc.order_quantity(2, 10, 0, pack_size=6, **self.ARGS), 18.0)

    def test_in_transit_counts_as_stock(self):
        self.assertEqual(fc.order_quantity(2, 10, 8, pack_size=6, **self.ARGS), 6.0)

    def test_minimum_raises_the_target(self):
        # demand of 0.5/day covers 6 units, the shelf minimum is 20
        self.assertEqual(fc.order_quantity(0.5, 2, 0, pack_size=6, min_qty=20, **self.ARGS), 18.0)

    def test_maximum_caps_down_to_the_pack(self):
        proposal = fc.order_proposal(2, 10, 0, pack_size=6, max_qty=23, **self.ARGS)
        self.assertEqual(proposal, fc.Proposal(12.0, 14.0, "max"))

    def test_expiry_cap_is_forecast_times_days_to_alert_minus_stock(self):
        # 2/day over 15 days = 30 sellable before the alert, 10 in store: at most 20 -> 18 (3 cases)
        proposal = fc.order_proposal(2, 10, 0, pack_size=6, days_to_alert=15, **self.ARGS)
        self.assertEqual(proposal, fc.Proposal(18.0, 14.0, "none"))
        proposal = fc.order_proposal(2, 10, 0, pack_size=6, days_to_alert=12, **self.ARGS)
        self.assertEqual(proposal, fc.Proposal(12.0, 14.0, "expiry"))

    def test_expiry_cap_never_negative(self):
        proposal = fc.order_proposal(1, 10, 0, pack_size=6, days_to_alert=3, **self.ARGS)
        self.assertEqual(proposal, fc.Proposal(0.0, 2.0, "expiry"))

    def test_no_expiry_no_cap(self):
        self.assertEqual(fc.order_quantity(10, 0, 0, pack_size=1, days_to_alert=None, **self.ARGS), 120.0)

    def test_covered_and_no_demand(self):
        self.assertEqual(fc.order_proposal(1, 50, 0, **self.ARGS).reason, "covered")
        self.assertEqual(fc.order_proposal(0, 0, 0, **self.ARGS).reason, "no_demand")

    def test_negative_sellable_counts_as_zero(self):
        self.assertEqual(fc.order_quantity(1, -5, 0, **self.ARGS), 12.0)

    def test_pack_zero_means_one(self):
        self.assertEqual(fc.order_quantity(1, 0.5, 0, pack_size=0, **self.ARGS), 12.0)

    def test_bad_arguments_raise(self):
        with self.assertRaises(ValueError):
            fc.order_quantity(-1, 0, 0, **self.ARGS)
        with self.assertRaises(ValueError):
            fc.order_quantity(1, 0, 0, pack_size=-6, **self.ARGS)
        with self.assertRaises(ValueError):
            fc.order_quantity(1, 0, 0, min_qty=10, max_qty=5, **self.ARGS)
