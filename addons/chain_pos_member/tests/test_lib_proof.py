"""Tests of ``chain_pos_member.lib.proof``: no database, no ORM (plain pytest or Odoo's runner)."""

import datetime
import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "proof.py"
_SPEC = importlib.util.spec_from_file_location("chain_pos_member_lib_proof", _PATH)
proof = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(proof)


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        result = doctest.testmod(proof)
        self.assertGreater(result.attempted, 10)
        self.assertEqual(result.failed, 0)


class TestLibProof(unittest.TestCase):
    def test_codes_are_random_and_hashed_per_salt(self):
        codes = {proof.generate_code() for _i in range(50)}
        self.assertGreater(len(codes), 40)
        digest_1 = proof.hash_code("123456", "salt-1", "pepper")
        digest_2 = proof.hash_code("123456", "salt-2", "pepper")
        self.assertNotEqual(digest_1, digest_2, "the same code hashes differently under another salt")
        self.assertNotIn("123456", digest_1)
        self.assertFalse(proof.check_code("123456", "salt-1", "another pepper", digest_1))
        self.assertFalse(proof.check_code(" 12345", "salt-1", "pepper", digest_1))

    def test_lockout_and_send_rate(self):
        t0 = datetime.datetime(2026, 3, 1, 9, 0)
        spread = [t0 + datetime.timedelta(minutes=4 * i) for i in range(5)]  # 16 minutes: no lock
        self.assertIsNone(proof.locked_until(spread, t0 + datetime.timedelta(minutes=17)))
        burst = [t0 + datetime.timedelta(seconds=10 * i) for i in range(5)]
        self.assertEqual(proof.locked_until(burst, t0 + datetime.timedelta(minutes=1)), burst[-1] + proof.LOCK_DURATION)
        self.assertIsNone(proof.next_send_allowed([t0 - datetime.timedelta(minutes=2)], t0))

    def test_qr_and_token_shapes(self):
        token = proof.make_qr("key", 5, 2_000_000_000)
        self.assertTrue(proof.looks_like_qr(token))
        self.assertEqual(proof.parse_qr(token, "key", 2_000_000_060), 5)
        self.assertIsNone(proof.parse_qr(token, "key", 2_000_000_000 + 121), "older than two minutes")
        self.assertIsNone(proof.parse_qr(token + "x", "key", 2_000_000_060))
        self.assertIsNone(proof.parse_token("5." + "g" * 64))
        self.assertEqual(proof.points_value(1234, 100), 12.34)
