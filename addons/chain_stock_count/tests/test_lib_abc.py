"""Tests of ``chain_stock_count.lib.abc`` and ``lib.schedule``: no database, no ORM.

The modules are loaded from their files so that these tests run under plain pytest.
"""

import doctest
import importlib.util
import pathlib
import unittest
from datetime import date

_LIB = pathlib.Path(__file__).resolve().parent.parent / "lib"


def _load(name):
    spec = importlib.util.spec_from_file_location(f"chain_stock_count_lib_{name}", _LIB / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


abc = _load("abc")
schedule = _load("schedule")

# A store's 90 days at cost: formula sells most, then diapers, wipes, bottles, toys; a rattle
# in stock never sold. Total 10,000.00.
SALES = {
    "formula": 6000.0,
    "diapers": 2500.0,
    "wipes": 700.0,
    "bottles": 500.0,
    "toys": 300.0,
    "rattle": 0.0,
}


class TestClassify(unittest.TestCase):
    def test_fixed_store_data(self):
        # cumulative share before each product: 0, 60, 85, 92, 97 (%)
        self.assertEqual(
            abc.classify(SALES),
            {"formula": "a", "diapers": "a", "wipes": "b", "bottles": "b", "toys": "c", "rattle": "c"},
        )

    def test_product_crossing_the_threshold_stays_in_the_class(self):
        self.assertEqual(abc.classify({1: 79, 2: 11, 3: 10}), {1: "a", 2: "a", 3: "b"})

    def test_exact_threshold_starts_the_next_class(self):
        self.assertEqual(abc.classify({1: 80, 2: 15, 3: 5}), {1: "a", 2: "b", 3: "c"})

    def test_best_seller_is_always_a(self):
        self.assertEqual(abc.classify({"only": 5.0}), {"only": "a"})
        self.assertEqual(abc.classify({"big": 99, "small": 1}), {"big": "a", "small": "c"})

    def test_custom_thresholds(self):
        self.assertEqual(
            abc.classify(SALES, a_percent=50, b_percent=90),
            {"formula": "a", "diapers": "b", "wipes": "b", "bottles": "c", "toys": "c", "rattle": "c"},
        )

    def test_ties_are_deterministic(self):
        self.assertEqual(abc.classify({2: 10, 1: 10, 3: 10}), {1: "a", 2: "a", 3: "a"})
        self.assertEqual(abc.classify({2: 45, 1: 45, 3: 10}, a_percent=40), {1: "a", 2: "b", 3: "b"})

    def test_nothing_sold_is_all_c(self):
        self.assertEqual(abc.classify({1: 0.0, 2: -5.0}), {1: "c", 2: "c"})
        self.assertEqual(abc.classify({}), {})

    def test_bad_thresholds(self):
        for a_percent, b_percent in ((0, 95), (96, 95), (80, 101)):
            with self.assertRaises(ValueError):
                abc.classify(SALES, a_percent, b_percent)


class TestSchedule(unittest.TestCase):
    def test_due_classes(self):
        today = date(2026, 3, 2)
        dates = {"a": date(2026, 3, 1), "b": today, "c": date(2026, 3, 3)}
        self.assertEqual(abc.due_classes(dates, today), ["a", "b"])
        self.assertEqual(abc.due_classes({}, today), [])

    def test_next_date_keeps_the_rhythm(self):
        self.assertEqual(schedule.next_date(date(2026, 3, 1), 30, date(2026, 3, 2)), date(2026, 3, 31))

    def test_next_date_after_a_long_stop_restarts_from_today(self):
        self.assertEqual(schedule.next_date(date(2025, 1, 1), 30, date(2026, 3, 2)), date(2026, 4, 1))

    def test_interval_must_be_positive(self):
        with self.assertRaises(ValueError):
            schedule.next_date(date(2026, 3, 1), 0, date(2026, 3, 1))


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(abc))
    tests.addTests(doctest.DocTestSuite(schedule))
    return tests


def test_doctests():
    for module in (abc, schedule):
        failures, _tests = doctest.testmod(module)
        assert not failures
