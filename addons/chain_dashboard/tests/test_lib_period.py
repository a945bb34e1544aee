"""Tests of ``chain_dashboard.lib.period``: no database, no ORM."""

import doctest
import importlib.util
import pathlib
import unittest
from datetime import date

_LIB = pathlib.Path(__file__).resolve().parent.parent / "lib" / "period.py"
_spec = importlib.util.spec_from_file_location("chain_dashboard_lib_period", _LIB)
period = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(period)


class TestPeriod(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(period).failed, 0)

    def test_month_today_and_custom(self):
        today = date(2026, 11, 23)
        self.assertEqual(period.period_bounds("month", today), (date(2026, 11, 1), today))
        self.assertEqual(period.period_bounds("today", today), (today, today))
        self.assertEqual(
            period.period_bounds("custom", today, date(2026, 1, 1), date(2026, 1, 31)),
            (date(2026, 1, 1), date(2026, 1, 31)),
        )

    def test_bad_custom_period_raises(self):
        with self.assertRaises(ValueError):
            period.period_bounds("custom", date(2026, 11, 23), date(2026, 2, 1), date(2026, 1, 1))
        with self.assertRaises(ValueError):
            period.period_bounds("custom", date(2026, 11, 23))
        with self.assertRaises(ValueError):
            period.period_bounds("quarter", date(2026, 11, 23))

    def test_comparison_periods(self):
        first, last = date(2026, 11, 1), date(2026, 11, 30)
        self.assertEqual(period.previous_period(first, last), (date(2026, 10, 2), date(2026, 10, 31)))
        self.assertEqual(period.last_year_period(first, last), (date(2025, 11, 1), date(2025, 11, 30)))
        self.assertIsNone(period.change(3, 0))
        self.assertEqual(period.change(90, 100), -10.0)
