"""Tests of ``chain_member.lib.baby``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest,
without Odoo on the path.
"""

import datetime
import doctest
import importlib.util
import itertools
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "baby.py"
_SPEC = importlib.util.spec_from_file_location("chain_member_lib_baby", _PATH)
baby = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(baby)

D = datetime.date


class TestAge(unittest.TestCase):
    def test_completed_months_at_the_boundaries(self):
        born = D(2026, 1, 15)
        cases = {
            D(2026, 1, 15): 0,
            D(2026, 2, 14): 0,
            D(2026, 2, 15): 1,
            D(2026, 7, 14): 5,
            D(2026, 7, 15): 6,
            D(2027, 1, 14): 11,
            D(2027, 1, 15): 12,
            D(2029, 1, 14): 35,
            D(2029, 1, 15): 36,
        }
        for today, months in cases.items():
            with self.subTest(today=today):
                self.assertEqual(baby.age_months(born, today), months)

    def test_month_ends_as_the_database_adds_months(self):
        # 31 August + 6 months is 28 February (PostgreSQL: date + interval '6 months')
        born = D(2025, 8, 31)
        self.assertEqual(baby.age_months(born, D(2026, 2, 27)), 5)
        self.assertEqual(baby.age_months(born, D(2026, 2, 28)), 6)
        self.assertEqual(baby.age_months(D(2024, 2, 29), D(2025, 2, 28)), 12)

    def test_not_born(self):
        self.assertIsNone(baby.age_months(None, D(2026, 1, 1)))
        self.assertIsNone(baby.age_months(D(2026, 1, 2), D(2026, 1, 1)))

    def test_birth_date_bound_is_the_exact_search_boundary(self):
        # every birth date of two years, every age up to 40 months, ten days of the year
        days = [D(2026, 1, 1) + datetime.timedelta(days=n) for n in range(0, 365, 37)] + [
            D(2026, 2, 28),
            D(2028, 2, 29),
            D(2026, 3, 31),
            D(2026, 4, 30),
        ]
        births = [D(2022, 1, 1) + datetime.timedelta(days=n) for n in range(6 * 365 + 60)]
        for today in days:
            for months in (0, 1, 5, 6, 11, 12, 35, 36, 40):
                bound = baby.birth_date_bound(today, months)
                for born in births:
                    if born > today:
                        break
                    self.assertEqual(
                        baby.age_months(born, today) >= months,
                        born <= bound,
                        f"born {born}, today {today}, {months} months",
                    )


class TestBands(unittest.TestCase):
    def test_formula_stage_per_gb_2021(self):
        cases = {None: "1", 0: "1", 5: "1", 6: "2", 11: "2", 12: "3", 35: "3", 36: None, 60: None}
        for months, stage in cases.items():
            with self.subTest(months=months):
                self.assertEqual(baby.formula_stage(months), stage)

    def test_diaper_size(self):
        cases = {None: "nb", 0: "nb", 1: "s", 2: "s", 3: "m", 8: "m", 9: "l", 17: "l", 18: "xl", 29: "xl", 30: "xxl"}
        cases.update({47: "xxl", 48: None})
        for months, size in cases.items():
            with self.subTest(months=months):
                self.assertEqual(baby.diaper_size(months), size)

    def test_bands_are_contiguous_from_birth(self):
        for bands in (baby.STAGE_BANDS, baby.DIAPER_BANDS):
            self.assertEqual(bands[0][0], 0)
            for (_s1, end, _c1), (start, _e2, _c2) in itertools.pairwise(bands):
                self.assertEqual(end, start)

    def test_stage_changes(self):
        self.assertEqual(baby.stage_changes(), [(6, "2"), (12, "3")])


class TestMomentWindow(unittest.TestCase):
    def test_each_moment_is_in_the_window_on_consecutive_days_from_its_first_day(self):
        moment = D(2026, 6, 20)
        days_in = [
            day
            for day in (D(2026, 5, 1) + datetime.timedelta(days=n) for n in range(80))
            if baby.moment_window(day, lead_days=14)[0] <= moment <= baby.moment_window(day, lead_days=14)[1]
        ]
        self.assertEqual(days_in[0], D(2026, 6, 6))  # 14 days before
        self.assertEqual(len(days_in), baby.CATCH_UP_DAYS + 1)
        self.assertEqual(days_in[-1] - days_in[0], datetime.timedelta(days=baby.CATCH_UP_DAYS))


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        result = doctest.testmod(baby)
        self.assertGreater(result.attempted, 0)
        self.assertEqual(result.failed, 0)
