"""Tests of ``chain_dashboard_commission.lib.target_figures``: no database, no ORM."""

import doctest
import importlib.util
import pathlib
import unittest

_LIB = pathlib.Path(__file__).resolve().parent.parent / "lib" / "target_figures.py"
_spec = importlib.util.spec_from_file_location("chain_dashboard_commission_lib_target_figures", _LIB)
target_figures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(target_figures)


class TestTargetFigures(unittest.TestCase):
    """The arithmetic of target achievement (the docstrings' examples too)."""

    def test_doctests(self):
        result = doctest.testmod(target_figures)
        self.assertGreater(result.attempted, 10)
        self.assertEqual(result.failed, 0)

    def test_no_target_no_achievement(self):
        row = target_figures.row({"sales": 800.0, "members": 2, "formula_sales": 0.0}, {})
        self.assertEqual(
            (row["sales_achievement"], row["members_achievement"], row["formula_share_achievement"]),
            (None, None, None),
        )
        self.assertEqual(row["formula_share"], 0.0)

    def test_nothing_sold(self):
        row = target_figures.row({}, {"sales_target": 1000.0, "members_target": 5, "formula_share_target": 40.0})
        self.assertEqual(
            tuple(row[key] for key in ("sales_achievement", "members_achievement", "formula_share")),
            (0.0, 0.0, 0.0),
        )
        self.assertEqual(row["formula_share_achievement"], 0.0)
        self.assertIsNone(target_figures.totals([], 0.0)["sales_achievement"])
