# ruff: noqa: RUF001
import doctest
import unittest

from odoo.addons.chain_fapiao.lib import bureau_xml, fapiao_number, tax_id


class TestLib(unittest.TestCase):
    """The pure rules: tax id check character, fapiao numbers, the bureau file."""

    def test_doctests(self):
        for module in (tax_id, fapiao_number, bureau_xml):
            failed, attempted = doctest.testmod(module)
            self.assertGreater(attempted, 0, module.__name__)
            self.assertEqual(failed, 0, module.__name__)

    def test_tax_id(self):
        self.assertIsNone(tax_id.uscc_error("91110000600037341L"))
        self.assertEqual(tax_id.uscc_error("91110000600037341M"), "checksum")
        self.assertEqual(tax_id.uscc_error(""), "length")

    def test_digital_number(self):
        self.assertEqual(fapiao_number.digital_number_error("2631200000001234567"), "length")
        self.assertEqual(fapiao_number.digital_number_error("263120000000123456789"), "length")
        self.assertEqual(fapiao_number.digital_number_error("２６312000000012345678"), "digits")
        self.assertIsNone(fapiao_number.digital_number_error("25442000000012345678", 2026))

    def test_bad_xml(self):
        for data in (b"not xml", b"<a><b></a>", b"<root/>"):
            with self.assertRaises(bureau_xml.BureauFileError):
                bureau_xml.parse(data)
        evil = (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<r><Invoice><InvoiceNumber>&e;</InvoiceNumber></Invoice></r>"
        )
        rows = bureau_xml.parse(evil)
        self.assertFalse(rows[0]["number"] and "root" in rows[0]["number"])
