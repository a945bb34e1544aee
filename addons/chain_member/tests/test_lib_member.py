"""Tests of ``chain_member.lib.member``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest,
without Odoo on the path.
"""

import datetime
import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "member.py"
_SPEC = importlib.util.spec_from_file_location("chain_member_lib_member", _PATH)
member = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(member)


class TestNormalizeMobile(unittest.TestCase):
    def test_every_written_form_gives_one_canonical_form(self):
        for written in (
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 138 1234 5678",
            "+86-138-1234-5678",
            "+8613812345678",
            "0086 138 1234 5678",
            "8613812345678",
            "(+86) 138.1234.5678",
        ):
            with self.subTest(written=written):
                self.assertEqual(member.normalize_mobile(written), "+8613812345678")

    def test_foreign_and_invalid_numbers_are_refused_with_their_reason(self):
        cases = {
            "+1 415 555 0100": "foreign",
            "+852 9123 4567": "foreign",
            "00852 91234567": "foreign",
            "021 6123 4567": "invalid",  # a Shanghai landline
            "1381234567": "invalid",  # 10 digits
            "123812345678": "invalid",
            "12812345678": "invalid",  # no mobile prefix 12
            "138abc45678": "invalid",
            "": "empty",
            None: "empty",
        }
        for written, reason in cases.items():
            with self.subTest(written=written):
                with self.assertRaises(member.InvalidMobile) as caught:
                    member.normalize_mobile(written)
                self.assertEqual(caught.exception.reason, reason)


class TestMasks(unittest.TestCase):
    def test_masks(self):
        self.assertEqual(member.mask_mobile("+8613812345678"), "138****5678")
        self.assertEqual(member.mask_name("李娜"), "李*")
        self.assertEqual(member.mask_name("W"), "W*")


class TestPointsRules(unittest.TestCase):
    def test_expiry(self):
        day = datetime.date(2026, 12, 31)
        self.assertEqual(member.points_expiry(day, "end_of_next_year"), datetime.date(2027, 12, 31))
        self.assertEqual(member.points_expiry(day, "months", 2), datetime.date(2027, 2, 28))
        self.assertEqual(member.add_months(datetime.date(2026, 3, 15), -12), datetime.date(2025, 3, 15))
        with self.assertRaises(ValueError):
            member.points_expiry(day, "never")

    def test_fifo_take(self):
        rows = [("a", 30), ("b", 0), ("c", 50)]
        self.assertEqual(member.fifo_take(rows, 30), ([("a", 30)], 0))
        self.assertEqual(member.fifo_take(rows, 31), ([("a", 30), ("c", 1)], 0))
        self.assertEqual(member.fifo_take(rows, 100), ([("a", 30), ("c", 50)], 20))
        self.assertEqual(member.fifo_take(rows, 0), ([], 0))
        with self.assertRaises(ValueError):
            member.fifo_take(rows, -1)

    def test_target_tier(self):
        tiers = [("silver", 1000, 800), ("gold", 5000, 3000)]
        expected = [
            (0, None, None),
            (999, None, None),
            (1000, None, "silver"),
            (5000, None, "gold"),
            (6000, "silver", "gold"),  # up at once
            (900, "silver", "silver"),  # kept
            (700, "silver", None),  # below the keep threshold
            (3000, "gold", "gold"),
            (2999, "gold", "silver"),
            (500, "gold", None),
            (2000, "removed tier", "silver"),
        ]
        for spend, current, tier in expected:
            with self.subTest(spend=spend, current=current):
                self.assertEqual(member.target_tier(spend, current, tiers), tier)


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        result = doctest.testmod(member)
        self.assertGreater(result.attempted, 5)
        self.assertEqual(result.failed, 0)
