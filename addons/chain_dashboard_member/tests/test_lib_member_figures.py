import doctest
import unittest
from datetime import date

from odoo.addons.chain_dashboard_member.lib import member_figures


class TestMemberFigures(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(member_figures).failed, 0)

    def test_active_window_is_ninety_days_today_included(self):
        self.assertEqual(member_figures.active_since(date(2026, 12, 7)), date(2026, 9, 9))
        with self.assertRaises(ValueError):
            member_figures.active_since(date(2026, 12, 7), days=0)

    def test_conversion_is_purchased_over_done(self):
        row = member_figures.figures(0.0, 0.0, 0, 0, {False: 10, "reached": 3, "purchased": 1})
        self.assertEqual((row["followups"], row["followups_done"], row["followup_conversion"]), (14, 4, 25.0))

    def test_no_store_no_row_and_zero_totals(self):
        rows, total = member_figures.store_rows([], {}, {}, {}, {})
        self.assertEqual(rows, [])
        self.assertEqual((total["new"], total["active"], total["member_share"]), (0, 0, None))
