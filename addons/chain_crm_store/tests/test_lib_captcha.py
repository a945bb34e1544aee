"""Tests of ``chain_crm_store.lib.captcha``: no database, no ORM (loaded from its file)."""
# ruff: noqa: RUF001 - full-width digits and brackets are what Chinese users type

import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "captcha.py"
_SPEC = importlib.util.spec_from_file_location("chain_crm_store_lib_captcha", _PATH)
captcha = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(captcha)

SECRET = "database-secret"


class TestCaptcha(unittest.TestCase):
    def test_every_sum_is_checked_by_its_signature_only(self):
        for first in range(1, 10):
            for second in range(1, 10):
                question, token = captcha.make_challenge(SECRET, "store", 1000, numbers=(first, second))
                self.assertEqual(question, f"{first} + {second}")
                self.assertIsNone(captcha.check_answer(SECRET, "store", token, str(first + second), now=1100))
                self.assertEqual(
                    captcha.check_answer(SECRET, "store", token, str(first + second + 1), now=1100), "wrong"
                )

    def test_another_secret_or_a_changed_token_is_refused(self):
        _question, token = captcha.make_challenge(SECRET, "store", 1000, numbers=(1, 1), nonce="abc")
        self.assertEqual(captcha.check_answer("other", "store", token, "2", now=1100), "wrong")
        issued, nonce, signature = token.split(".")
        later = f"{int(issued) + 50}.{nonce}.{signature}"  # made younger to pass the age checks
        self.assertEqual(captcha.check_answer(SECRET, "store", later, "2", now=1100), "wrong")
        other_nonce = f"{issued}.xyz.{signature}"
        self.assertEqual(captcha.check_answer(SECRET, "store", other_nonce, "2", now=1100), "wrong")

    def test_timing(self):
        _question, token = captcha.make_challenge(SECRET, "store", 1000, numbers=(1, 1))
        self.assertEqual(captcha.check_answer(SECRET, "store", token, "2", now=1000 + captcha.MIN_AGE - 1), "too_fast")
        self.assertIsNone(captcha.check_answer(SECRET, "store", token, "2", now=1000 + captcha.MIN_AGE))
        self.assertIsNone(captcha.check_answer(SECRET, "store", token, "2", now=1000 + captcha.MAX_AGE))
        self.assertEqual(captcha.check_answer(SECRET, "store", token, "2", now=1000 + captcha.MAX_AGE + 1), "expired")
        self.assertEqual(captcha.check_answer(SECRET, "store", token, "2", now=999), "expired")

    def test_hostile_input(self):
        _question, token = captcha.make_challenge(SECRET, "store", 1000, numbers=(1, 1))
        for bad_token in (None, 42, "", "a.b", "x.y.z", "1..z", "²³.a.b", "١٠٠٠.a.b", "9" * 500, ["1", "2", "3"]):
            self.assertEqual(captcha.check_answer(SECRET, "store", bad_token, "2", now=1100), "malformed", bad_token)
        for bad_answer in (None, 2, "", "٢", "2.0", "-2", "1" * 100, "２"):
            self.assertEqual(captcha.check_answer(SECRET, "store", token, bad_answer, now=1100), "wrong", bad_answer)
        self.assertIsNone(captcha.token_nonce(None))
        self.assertIsNone(captcha.token_nonce("9" * 500))

    def test_random_challenges_differ(self):
        tokens = {captcha.make_challenge(SECRET, "store", 1000)[1] for _ in range(20)}
        self.assertEqual(len(tokens), 20)


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        result = doctest.testmod(captcha)
        self.assertGreater(result.attempted, 5)
        self.assertEqual(result.failed, 0)
