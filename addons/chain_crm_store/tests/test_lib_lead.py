"""Tests of ``chain_crm_store.lib.lead``: no database, no ORM (loaded from its file)."""

import datetime
import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "lead.py"
_SPEC = importlib.util.spec_from_file_location("chain_crm_store_lib_lead", _PATH)
lead = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(lead)

D = datetime.date
TODAY = D(2026, 12, 7)


class TestDueDate(unittest.TestCase):
    def test_past_today_and_far(self):
        self.assertEqual(lead.due_date_problem(D(2026, 12, 6), TODAY), "past")
        self.assertIsNone(lead.due_date_problem(TODAY, TODAY))
        self.assertIsNone(lead.due_date_problem(TODAY + datetime.timedelta(days=300), TODAY))
        self.assertEqual(lead.due_date_problem(TODAY + datetime.timedelta(days=301), TODAY), "far")
        self.assertEqual(lead.due_date_problem(D(2028, 12, 7), TODAY), "far")
        self.assertIsNone(lead.due_date_problem(False, TODAY))


class TestExpectedBaby(unittest.TestCase):
    def test_nearest_unborn_within_30_days(self):
        babies = [(1, None, D(2027, 3, 31)), (2, None, D(2027, 3, 5)), (3, D(2025, 1, 1), D(2027, 3, 1))]
        self.assertEqual(lead.expected_baby_matches(D(2027, 3, 1), babies), 2)
        self.assertEqual(lead.expected_baby_matches(D(2027, 3, 1), [(1, None, D(2027, 3, 31))]), 1)
        self.assertIsNone(lead.expected_baby_matches(D(2027, 3, 1), [(1, None, D(2027, 4, 1))]))
        self.assertIsNone(lead.expected_baby_matches(D(2027, 3, 1), []))

    def test_doctests(self):
        failures, _tests = doctest.testmod(lead)
        self.assertFalse(failures)
