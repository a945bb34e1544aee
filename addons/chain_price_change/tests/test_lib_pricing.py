"""Tests of ``chain_price_change.lib.pricing``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest,
without Odoo on the path.
"""

import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "pricing.py"
_SPEC = importlib.util.spec_from_file_location("chain_price_change_lib_pricing", _PATH)
pricing = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(pricing)


class TestChangePercent(unittest.TestCase):
    def test_decrease_and_increase(self):
        self.assertAlmostEqual(pricing.change_percent(199.0, 179.0), -10.050, places=3)
        self.assertAlmostEqual(pricing.change_percent(89.0, 95.0), 6.742, places=3)

    def test_no_reference_price(self):
        self.assertEqual(pricing.change_percent(0.0, 50.0), 0.0)
        self.assertEqual(pricing.change_percent(None, 50.0), 0.0)


class TestMarginPercent(unittest.TestCase):
    def test_margin_over_price(self):
        self.assertEqual(pricing.margin_percent(200.0, 150.0), 25.0)

    def test_below_cost_is_negative(self):
        self.assertEqual(pricing.margin_percent(100.0, 120.0), -20.0)

    def test_zero_price_and_unknown_cost(self):
        self.assertEqual(pricing.margin_percent(0.0, 10.0), 0.0)
        self.assertEqual(pricing.margin_percent(50.0, None), 100.0)


class TestApplyPercent(unittest.TestCase):
    def test_rounding_steps(self):
        self.assertEqual(pricing.apply_percent(199.0, -10), 179.1)
        self.assertEqual(pricing.apply_percent(199.0, -10, step=1.0), 179.0)
        self.assertEqual(pricing.apply_percent(88.0, 5, step=0.1), 92.4)
        self.assertEqual(pricing.apply_percent(89.0, 0), 89.0)

    def test_step_must_be_positive(self):
        with self.assertRaises(ValueError):
            pricing.apply_percent(10.0, 5, step=0)


class TestDocstrings(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(pricing).failed, 0)
