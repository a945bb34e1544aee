# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import io
import unittest
from decimal import Decimal

import openpyxl

from odoo.addons.chain_channel_settlement.lib import settlement as lib

ALIPAY = {
    "key": "账务流水号",
    "order": "商户订单号",
    "type": "业务类型",
    "income": "收入金额（+元）",  # noqa: RUF001
    "expense": "支出金额（-元）",  # noqa: RUF001
    "date": "发生时间",
    "types": {"交易付款": "payment", "服务费": "service_fee", "提现": "payout"},
    "default_currency": "CNY",
}


class TestLibSettlement(unittest.TestCase):
    def test_doctests(self):
        failures, _tests = doctest.testmod(lib)
        self.assertEqual(failures, 0)

    def test_alipay_rows(self):
        """A title block above the header; income and expense columns; ids wrapped for Excel."""
        rows = [
            ["#支付宝账务明细查询"],
            ["#账号:[2088xxxx]"],
            ["账务流水号", "业务流水号", "商户订单号", "发生时间", "收入金额（+元）", "支出金额（-元）", "业务类型"],  # noqa: RUF001
            ['="2026110122001"', "x", '="E1"', "2026-11-01 10:00:00", "99.00", "", "交易付款"],
            ["2026110122002", "x", "E1", "2026-11-01 10:00:01", "", "-0.59", "服务费"],
            ["2026110122003", "x", "", "2026-11-02 09:00:00", "", "98.41", "提现"],
            ["2026110122004", "x", "E2", "2026-11-02", "", "", "交易付款"],
            ["2026110122005", "x", "E3", "2026-11-02", "5", "", "保证金"],
            ["", "", "", "", "", "", ""],
        ]
        lines = lib.normalize(rows, ALIPAY)
        self.assertEqual(
            [(x["key"], x["platform_order_id"], x["kind"], x["amount"], x["unreadable"]) for x in lines],
            [
                ("2026110122001", "E1", "payment", Decimal("99.00"), False),
                ("2026110122002", "E1", "service_fee", Decimal("-0.59"), False),
                ("2026110122003", "", "payout", Decimal("-98.41"), False),
                ("2026110122004", "E2", "payment", Decimal(0), True),
                ("2026110122005", "E3", "other", Decimal("5.00"), False),
            ],
        )
        self.assertEqual(lines[0]["date"].isoformat(), "2026-11-01")

    def test_no_header(self):
        with self.assertRaises(lib.SettlementFileError):
            lib.normalize([["a", "b"], ["1", "2"]], ALIPAY)

    def test_excel_and_gb18030(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["账务流水号", "商户订单号", "业务类型", "收入金额（+元）", "支出金额（-元）", "发生时间"])  # noqa: RUF001
        sheet.append(["K1", "E9", "交易付款", 12.5, None, "2026/11/03"])
        buffer = io.BytesIO()
        book.save(buffer)
        lines = lib.normalize(lib.read_table(buffer.getvalue(), "flow.xlsx"), ALIPAY)
        self.assertEqual([(x["key"], x["amount"]) for x in lines], [("K1", Decimal("12.50"))])
        raw = "账务流水号,商户订单号,业务类型,收入金额（+元）,支出金额（-元）\nK2,E9,提现,,3\n".encode("gb18030")  # noqa: RUF001
        lines = lib.normalize(lib.read_table(raw, "flow.csv"), ALIPAY)
        self.assertEqual([(x["kind"], x["amount"]) for x in lines], [("payout", Decimal("-3.00"))])

    def test_classify_paid_and_no_order(self):
        invoice = {"currency": "CNY", "total": Decimal(100), "residual": Decimal(0)}
        payment = {"kind": "payment", "amount": Decimal(100), "currency": "CNY", "platform_order_id": "E1"}
        self.assertEqual(lib.classify(payment, invoice), lib.PAID)
        self.assertEqual(lib.classify(dict(payment, platform_order_id=""), None), lib.NO_ORDER)
        fee = {"kind": "service_fee", "amount": Decimal(-1), "currency": "CNY", "platform_order_id": ""}
        self.assertIsNone(lib.classify(fee, None))
