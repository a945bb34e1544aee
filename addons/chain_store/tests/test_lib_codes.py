"""Tests of ``chain_store.lib.codes``: no database, no ORM."""

import doctest
import unittest

from odoo.addons.chain_store.lib import codes


class TestWarehouseCode(unittest.TestCase):
    def test_short_code_kept_upper_case(self):
        self.assertEqual(codes.warehouse_code("sh01"), "SH01")

    def test_separators_dropped(self):
        self.assertEqual(codes.warehouse_code("HZ-02"), "HZ02")

    def test_long_code_keeps_head_and_number(self):
        self.assertEqual(codes.warehouse_code("SH-PD-012"), "SH012")
        self.assertEqual(codes.warehouse_code("SHANGHAI"), "SHANG")

    def test_taken_code_gets_a_counter(self):
        self.assertEqual(codes.warehouse_code("SH01", taken={"sh01"}), "SH011")
        self.assertEqual(codes.warehouse_code("SHANGHAI", taken={"SHANG", "SHAN1"}), "SHAN2")

    def test_500_numbered_stores_get_distinct_codes(self):
        taken = set()
        for number in range(1, 501):
            taken.add(codes.warehouse_code(f"ST-{number:04d}", taken))
        self.assertEqual(len(taken), 500)
        self.assertTrue(all(len(code) <= 5 for code in taken))

    def test_code_without_letters_or_digits_is_refused(self):
        with self.assertRaises(ValueError):
            codes.warehouse_code("--")


class TestGtin(unittest.TestCase):
    def test_check_digit_of_a_known_gtin13(self):
        # 6901234567892: a GTIN-13 whose check digit was computed by hand (mod 10, weights 3/1)
        self.assertEqual(codes.gtin_check_digit("690123456789"), "2")

    def test_valid_and_invalid_codes(self):
        self.assertTrue(codes.is_valid_gtin("6901234567892"))
        self.assertFalse(codes.is_valid_gtin("6901234567891"))
        self.assertFalse(codes.is_valid_gtin("69012345678"))  # 11 digits
        self.assertFalse(codes.is_valid_gtin("69012345678A2"))

    def test_make_gtin13_pads_and_checks(self):
        code = codes.make_gtin13("6901", 7)
        self.assertEqual(len(code), 13)
        self.assertTrue(code.startswith("690100000007"))
        self.assertTrue(codes.is_valid_gtin(code))

    def test_make_gtin13_refuses_overflow(self):
        with self.assertRaises(ValueError):
            codes.make_gtin13("690123", 10**7)

    def test_doctests(self):
        self.assertEqual(doctest.testmod(codes).failed, 0)
