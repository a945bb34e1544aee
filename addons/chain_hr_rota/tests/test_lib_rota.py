"""Tests of ``chain_hr_rota.lib.rota``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest, without Odoo on the path.
"""

import importlib.util
import pathlib
import unittest
from datetime import date, datetime

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "rota.py"
_SPEC = importlib.util.spec_from_file_location("chain_hr_rota_lib_rota", _PATH)
rota = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rota)


class TestLibRota(unittest.TestCase):
    def test_night_shift_ends_next_day(self):
        start, end = rota.shift_interval(date(2026, 12, 7), 22, 6, "Asia/Shanghai")
        self.assertEqual((start, end), (datetime(2026, 12, 7, 14, 0), datetime(2026, 12, 7, 22, 0)))

    def test_shift_over_dst_change(self):
        # 28/29 March 2026 in Berlin: the night is an hour shorter
        start, end = rota.shift_interval(date(2026, 3, 28), 22, 6, "Europe/Berlin")
        self.assertEqual((end - start).total_seconds() / 3600, 7)

    def test_template_hours(self):
        self.assertEqual(rota.template_hours(22, 6), 8)
        self.assertEqual(rota.template_hours(9, 13, 17, 21, 0), 8)
        self.assertEqual(rota.template_hours(9, 18, break_minutes=60), 8)

    def test_rest_flag_ignores_split_segments(self):
        shifts = [
            ("a", 1, date(2026, 12, 7), datetime(2026, 12, 7, 1), datetime(2026, 12, 7, 5), 4, "split"),
            ("b", 1, date(2026, 12, 7), datetime(2026, 12, 7, 9), datetime(2026, 12, 7, 13), 4, "split"),
            ("c", 1, date(2026, 12, 8), datetime(2026, 12, 7, 20), datetime(2026, 12, 8, 4), 8, "c"),
        ]
        flags = rota.shift_flags(shifts, 11, 40)
        self.assertIsNone(flags["b"]["rest"])
        self.assertEqual(flags["c"]["rest"], 7)

    def test_week_flag(self):
        shifts = [
            (day, 1, date(2026, 12, 7 + day), datetime(2026, 12, 7 + day, 1), datetime(2026, 12, 7 + day, 10), 9, day)
            for day in range(5)
        ]
        flags = rota.shift_flags(shifts, 11, 40)
        self.assertEqual(flags[0]["week"], 45)

    def test_month_overtime_in_the_month_of_the_shift(self):
        # week of Mon 28 Sep 2026: 4 x 10 h in September, Friday 2 Oct 10 h -> 10 h overtime in October
        shifts = [(1, date(2026, 9, 28 + d), datetime(2026, 9, 28 + d), 10) for d in range(3)]
        shifts += [(1, date(2026, 10, 1), datetime(2026, 10, 1), 10), (1, date(2026, 10, 2), datetime(2026, 10, 2), 10)]
        self.assertEqual(rota.month_overtime(shifts, 40), {(1, (2026, 10)): 10})

    def test_coverage_counts_night_in_next_day(self):
        days = [date(2026, 12, 7), date(2026, 12, 8)]
        start, end = rota.shift_interval(date(2026, 12, 7), 22, 2, "Asia/Shanghai")
        cover = rota.coverage(days, [(start, end)], {(1, 0): 2, (1, 1): 1}, "Asia/Shanghai")
        self.assertEqual(cover[days[0]]["hours"][22]["planned"], 1)
        self.assertEqual(cover[days[1]]["hours"][0], {"planned": 1, "min": 2, "under": 1, "over": 0})
        self.assertEqual(cover[days[1]]["under"], 1)

    def test_suggest_and_merge(self):
        self.assertEqual(rota.suggest_headcount(0, 8, 12), 0)
        self.assertEqual(rota.suggest_headcount(8, 8, 12), 1)
        self.assertEqual(rota.suggest_headcount(200, 8, 12), 3)
        self.assertEqual(rota.merge_hours({9: 1, 10: 1, 11: 2, 13: 2}), [(9, 11, 1), (11, 12, 2), (13, 14, 2)])
