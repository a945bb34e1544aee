"""Tests of ``chain_hr_rota.lib.attendance``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest too.
"""

import doctest
import importlib.util
import pathlib
import unittest
from datetime import datetime

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "attendance.py"
_SPEC = importlib.util.spec_from_file_location("chain_hr_rota_lib_attendance", _PATH)
att = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(att)

# an early shift 09:00-17:00 Shanghai = 01:00-09:00 UTC
START = datetime(2026, 12, 7, 1, 0)
END = datetime(2026, 12, 7, 9, 0)


def at(hour, minute=0, day=7):
    return datetime(2026, 12, day, hour, minute)


class TestClassify(unittest.TestCase):
    def test_nothing_planned_nor_attended_is_no_check(self):
        self.assertIsNone(att.classify(None, None, []))

    def test_on_time(self):
        day = att.classify(START, END, [(at(0, 58), at(9, 3))])
        self.assertEqual(
            day,
            {
                "status": "ok",
                "check_in": at(0, 58),
                "check_out": at(9, 3),
                "worked_minutes": 485,
                "late_minutes": 0,
                "early_minutes": 0,
                "overtime_minutes": 0,
            },
        )

    def test_late_within_tolerance_is_on_time(self):
        self.assertEqual(att.classify(START, END, [(at(1, 5), at(9))])["status"], "ok")
        day = att.classify(START, END, [(at(1, 6), at(9))])
        self.assertEqual((day["status"], day["late_minutes"]), ("late", 6))

    def test_early_leave_counted_in_full_past_tolerance(self):
        day = att.classify(START, END, [(at(1), at(8, 40))])
        self.assertEqual((day["status"], day["early_minutes"]), ("early", 20))
        self.assertEqual(att.classify(START, END, [(at(1), at(8, 55))])["status"], "ok")

    def test_late_and_early(self):
        day = att.classify(START, END, [(at(1, 30), at(8))], late_tolerance=10, early_tolerance=10)
        self.assertEqual((day["status"], day["late_minutes"], day["early_minutes"]), ("late_early", 30, 60))

    def test_overtime_from_the_minimum(self):
        self.assertEqual(att.classify(START, END, [(at(1), at(9, 29))])["status"], "ok")
        day = att.classify(START, END, [(at(1), at(9, 30))])
        self.assertEqual((day["status"], day["overtime_minutes"]), ("overtime", 30))
        day = att.classify(START, END, [(at(1), at(10))], overtime_min=60)
        self.assertEqual(day["overtime_minutes"], 60)

    def test_late_and_overtime_is_late(self):
        day = att.classify(START, END, [(at(1, 20), at(10))])
        self.assertEqual((day["status"], day["late_minutes"], day["overtime_minutes"]), ("late", 20, 60))

    def test_absent(self):
        day = att.classify(START, END, [])
        self.assertEqual((day["status"], day["worked_minutes"], day["check_in"]), ("absent", 0, None))

    def test_unplanned(self):
        day = att.classify(None, None, [(at(2), at(6))])
        self.assertEqual((day["status"], day["worked_minutes"], day["late_minutes"]), ("unplanned", 240, 0))

    def test_night_shift_across_midnight(self):
        # 22:00-06:00 Shanghai = 14:00-22:00 UTC; checked in 22:10, out 06:00 the next day
        day = att.classify(at(14), at(22), [(at(14, 10), at(22))])
        self.assertEqual((day["status"], day["late_minutes"], day["worked_minutes"]), ("late", 10, 470))

    def test_split_shift_first_start_last_end(self):
        # 08:00-12:00 and 16:00-20:00 local; out during the break is no lateness
        day = att.classify(at(0), at(12), [(at(0), at(4)), (at(8, 2), at(12))])
        self.assertEqual((day["status"], day["worked_minutes"]), ("ok", 478))

    def test_open_attendance_counts_its_check_in_only(self):
        day = att.classify(START, END, [(at(1, 15), None)])
        self.assertEqual(
            (day["status"], day["late_minutes"], day["early_minutes"], day["check_out"], day["worked_minutes"]),
            ("late", 15, 0, None, 0),
        )

    def test_open_earlier_attendance_does_not_hide_the_last_check_out(self):
        day = att.classify(START, END, [(at(1), None), (at(5), at(8))])
        self.assertEqual((day["check_out"], day["early_minutes"], day["status"]), (at(8), 60, "early"))


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(att))
    return tests
