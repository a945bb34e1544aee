"""Tests of ``chain_account_store.lib.pnl``: no database, no ORM."""

import datetime
import doctest
import unittest

from odoo.addons.chain_account_store.lib import pnl


class TestPnlLib(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(pnl).failed, 0)

    def test_periods_of_a_leap_day(self):
        periods = pnl.periods(datetime.date(2028, 2, 29))
        self.assertEqual(periods["month"], (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29)))
        self.assertEqual(periods["month_py"], (datetime.date(2027, 2, 1), datetime.date(2027, 2, 28)))
        self.assertEqual(periods["ytd_py"], (datetime.date(2027, 1, 1), datetime.date(2027, 2, 28)))

    def test_figures_without_sales(self):
        figures = pnl.figures({"expenses": 100.0})
        self.assertEqual(figures["margin_pct"], 0.0)
        self.assertEqual(figures["contribution"], -100.0)
        self.assertEqual(set(pnl.CATEGORIES) - set(figures), set())
