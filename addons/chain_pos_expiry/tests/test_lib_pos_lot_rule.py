"""Tests of ``chain_pos_expiry.lib.pos_lot_rule``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest. The same
cases are in ``static/tests/unit/lot_rule.test.js``: the till and the server must agree.
"""

import doctest
import importlib.util
import pathlib
import unittest
from datetime import datetime, timedelta

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "pos_lot_rule.py"
_SPEC = importlib.util.spec_from_file_location("chain_pos_expiry_lib_pos_lot_rule", _PATH)
rule = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rule)

LOT = {
    "expiration_date": datetime(2027, 1, 31),
    "removal_date": datetime(2027, 1, 24),
    "alert_date": datetime(2026, 10, 1),
    "blocked": False,
}


class TestClassify(unittest.TestCase):
    def test_stages_over_time(self):
        self.assertEqual(rule.classify(datetime(2026, 9, 1, 10), "L1", LOT), (None, 152))
        self.assertEqual(rule.classify(datetime(2026, 11, 23, 10), "L1", LOT), ("near", 69))
        self.assertEqual(rule.classify(datetime(2027, 1, 25, 10), "L1", LOT), ("removal", 6))
        self.assertEqual(rule.classify(datetime(2027, 2, 2, 10), "L1", LOT), ("expired", -2))

    def test_blocked_unknown_missing(self):
        now = datetime(2026, 11, 23, 10)
        self.assertEqual(rule.classify(now, "L1", dict(LOT, blocked=True))[0], "blocked")
        self.assertEqual(rule.classify(now, "NEW", None), ("unknown_lot", None))
        self.assertEqual(rule.classify(now, "", None), ("missing_lot", None))
        self.assertEqual(rule.classify(now, "", None, required=False), (None, None))

    def test_printed_expiry_is_checked_and_the_earlier_date_wins(self):
        now = datetime(2026, 11, 23, 10)
        self.assertEqual(rule.classify(now, "NEW", None, scanned_expiry=datetime(2028, 1, 1)), (None, 404))
        self.assertEqual(rule.classify(now, "NEW", None, scanned_expiry=datetime(2026, 11, 1))[0], "expired")
        self.assertEqual(rule.classify(now, "L1", LOT, scanned_expiry=datetime(2026, 11, 20))[0], "expired")

    def test_worst_issue_of_a_line(self):
        self.assertEqual(rule.worst(["near", None, "expired", "removal"]), "expired")
        self.assertEqual(rule.worst(["near", "missing_lot"]), "missing_lot")
        self.assertIsNone(rule.worst([None, None]))

    def test_only_some_issues_may_be_overridden(self):
        self.assertEqual(rule.OVERRIDABLE, {"unknown_lot", "expired", "removal"})
        self.assertNotIn("near", rule.BLOCKING)


class TestOverrideToken(unittest.TestCase):
    def test_pin_hash_is_salted_and_slow(self):
        first, second = rule.hash_pin("2468"), rule.hash_pin("2468")
        self.assertNotEqual(first, second, "a salt per hash: equal PINs do not give equal hashes")
        self.assertTrue(first.startswith(f"pbkdf2_sha256${rule.PIN_ITERATIONS}$"))
        self.assertGreaterEqual(rule.PIN_ITERATIONS, 100_000)
        self.assertTrue(rule.check_pin("2468", first))
        self.assertFalse(rule.check_pin("2469", first))
        self.assertFalse(rule.check_pin("2468", "7110eda4d09e062aa5e4a390b0a572ac0d2c0220"), "the old SHA-1")

    def test_lockout_after_five_wrong_pins_in_ten_minutes(self):
        start = datetime(2026, 1, 1, 10, 0)
        minutes = [start + timedelta(minutes=m) for m in (0, 2, 4, 6, 8)]
        self.assertIsNone(rule.locked_until(minutes[:4], start + timedelta(minutes=9)))
        until = rule.locked_until(minutes, start + timedelta(minutes=9))
        self.assertEqual(until, start + timedelta(minutes=18), "ten minutes from the fifth wrong PIN")
        self.assertIsNone(rule.locked_until(minutes, until))
        spread = [start + timedelta(minutes=m) for m in (0, 3, 6, 9, 12)]
        self.assertIsNone(rule.locked_until(spread, start + timedelta(minutes=13)))

    def test_token_parsing(self):
        self.assertEqual(rule.parse_token("7.abc"), (7, "abc"))
        for token in ("", "7", "7.", ".abc", "-7.abc", "\u0667.abc", False):
            self.assertIsNone(rule.parse_token(token), token)


def test_doctests():
    failures, _tests = doctest.testmod(rule)
    assert not failures
