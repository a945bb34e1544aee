"""Tests of ``chain_stock_count.lib.variance``: no database, no ORM."""

import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "variance.py"
_SPEC = importlib.util.spec_from_file_location("chain_stock_count_lib_variance", _PATH)
variance = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(variance)

# company defaults: more than 2 units or more than 200.00 at cost; formula costs 150.00
RULES = {"max_qty": 2.0, "max_value": 200.0}


class TestNeedsRecount(unittest.TestCase):
    def test_exact_count_never_recounted(self):
        self.assertFalse(variance.needs_recount(10, 10, 150, max_qty=0.1, max_percent=0.1, max_value=0.1))

    def test_units(self):
        self.assertFalse(variance.needs_recount(10, 8, max_qty=2))  # equal to the threshold: accepted
        self.assertTrue(variance.needs_recount(10, 7, max_qty=2))
        self.assertTrue(variance.needs_recount(10, 13, max_qty=2), "gains count as much as losses")

    def test_value(self):
        self.assertFalse(variance.needs_recount(10, 9, 150, **RULES))  # 150.00
        self.assertTrue(variance.needs_recount(10, 8, 150, **RULES))  # 300.00
        self.assertFalse(variance.needs_recount(10, 8, 20, **RULES))  # 40.00, 2 units

    def test_percent(self):
        self.assertFalse(variance.needs_recount(100, 95, max_percent=5))
        self.assertTrue(variance.needs_recount(100, 94, max_percent=5))
        self.assertTrue(variance.needs_recount(0, 1, max_percent=50), "found where nothing was expected")
        self.assertTrue(variance.needs_recount(-2, 0, max_percent=50), "negative stock: share of its size")
        self.assertFalse(variance.needs_recount(-2, 0, max_percent=100))

    def test_no_threshold(self):
        self.assertFalse(variance.needs_recount(100, 0, 150))

    def test_variance_sign(self):
        self.assertEqual(variance.variance(10, 7), -3)
        self.assertEqual(variance.variance(None, 2), 2)


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(variance))
    return tests


def test_doctests():
    failures, _tests = doctest.testmod(variance)
    assert not failures
