"""Tests of ``chain_crm_store.lib.lead_import``: no database, no ORM (loaded from its file)."""
# ruff: noqa: RUF001 - Chinese headers are written with full-width brackets

import datetime
import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "lead_import.py"
_SPEC = importlib.util.spec_from_file_location("chain_crm_store_lib_lead_import", _PATH)
lead_import = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(lead_import)

D = datetime.date


class TestColumns(unittest.TestCase):
    def test_english_and_chinese_headers(self):
        self.assertEqual(
            lead_import.column_map(["Mobile Phone", "Name", "due date", "Consent", "Referrer Code", "医院"]),
            {"mobile": 0, "name": 1, "due_date": 2, "consent": 3, "referrer": 4, "hospital": 5},
        )
        self.assertEqual(lead_import.column_map(["姓名（必填）", "手机号码"]), {"name": 0, "mobile": 1})
        self.assertEqual(lead_import.column_map(None), {})
        self.assertEqual(lead_import.missing_columns({}), ["name", "mobile"])

    def test_first_column_of_a_field_wins(self):
        self.assertEqual(lead_import.column_map(["手机", "电话"]), {"mobile": 0})


class TestRows(unittest.TestCase):
    COLUMNS = {"name": 0, "mobile": 1, "due_date": 2, "hospital": 3, "consent": 4, "referrer": 5}

    def test_a_good_row(self):
        values, problems = lead_import.read_row(
            [" 王小红 ", 13812345678.0, datetime.datetime(2027, 3, 1, 0, 0), "妇幼", True, "M00012"], self.COLUMNS
        )
        self.assertEqual(problems, [])
        self.assertEqual(
            values,
            {
                "name": "王小红",
                "mobile": "13812345678",
                "due_date": D(2027, 3, 1),
                "hospital": "妇幼",
                "consent": True,
                "referrer": "M00012",
            },
        )

    def test_short_rows_and_every_problem(self):
        self.assertEqual(
            lead_import.read_row(["x" * 101], self.COLUMNS)[1], ["name_too_long", "mobile_missing", "consent_missing"]
        )
        _values, problems = lead_import.read_row(["A", "1", "2027-13-01", "h" * 201, "是", "r" * 201], self.COLUMNS)
        self.assertEqual(problems, ["due_date_invalid", "hospital_too_long", "referrer_too_long"])

    def test_a_missing_due_date_is_not_a_problem(self):
        values, problems = lead_import.read_row(["A", "138", None, None, "yes", None], self.COLUMNS)
        self.assertIsNone(values["due_date"])
        self.assertEqual(problems, [])


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        result = doctest.testmod(lead_import)
        self.assertGreater(result.attempted, 10)
        self.assertEqual(result.failed, 0)
