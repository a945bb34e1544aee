"""Tests of ``chain_approval.lib.approval``: no database, no ORM."""

import doctest
import unittest
from datetime import date, datetime

from odoo.addons.chain_approval.lib import approval


class TestApprovalLib(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(approval).failed, 0)

    def test_escalation_due_at_the_limit(self):
        self.assertTrue(approval.escalation_due(datetime(2026, 1, 1, 8), 1.5, datetime(2026, 1, 1, 9, 30)))
        self.assertFalse(approval.escalation_due(None, 4, datetime(2026, 1, 1)))

    def test_substitutes_keep_reviewers_first_and_no_duplicates(self):
        d = date(2026, 2, 1)
        self.assertEqual(approval.substitutes_for([1, 2], [(1, 2, d, d), (2, 1, d, d)], d), [1, 2])

    def test_next_level_skips_empty_levels_and_stops_at_top(self):
        self.assertEqual(approval.next_level([[], [], [9]], []), [9])
        self.assertEqual(approval.next_level([[1], [2]], [2]), [])
