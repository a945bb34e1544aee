# ruff: noqa: RUF001, RUF003 - the providers' bills are written with full-width （）：，
"""Tests of ``lib/bill.py`` and ``lib/sim_bill.py``: the providers' bills, no database, no ORM."""

import doctest
import io
import unittest
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone

from odoo.addons.chain_pos_payment_cn.lib import bill, sim_bill
from odoo.addons.chain_pos_payment_cn.lib.alipay import AlipayClient
from odoo.addons.chain_pos_payment_cn.lib.alipay_simulator import AlipaySimulator
from odoo.addons.chain_pos_payment_cn.lib.wechatpay import WechatPayClient
from odoo.addons.chain_pos_payment_cn.lib.wechatpay_simulator import WechatPaySimulator

DAY = date(2026, 12, 6)


def movement(out_trade_no, amount_fen, kind="pay", out_refund_no="", hour=10, ref=None, sub=""):
    return {
        "provider_ref": ref or f"4200{out_trade_no}",
        "out_trade_no": out_trade_no,
        "kind": kind,
        "out_refund_no": out_refund_no,
        "amount_fen": amount_fen,
        "time": datetime(2026, 12, 6, hour, 0, 0),
        "sub_mch_id": sub,
    }


MOVES = [
    movement("CN0001", 12300, sub="1900000109"),
    movement("CN0002", 1, hour=11),
    movement("CN0001", 2300, kind="refund", out_refund_no="RF0001", hour=12, ref="5030001", sub="1900000109"),
    movement("CN0003", 99999, hour=23),
]


class TestWechatBill(unittest.TestCase):
    def test_doctests(self):
        failures, tried = doctest.testmod(bill)[:2]
        self.assertGreater(tried, 5)
        self.assertEqual(failures, 0)

    def test_round_trip(self):
        """The simulator's bill reads back into exactly the movements, amounts in fen, sub-merchant kept."""
        text = sim_bill.wechat_bill(sim_bill.bill_rows(DAY, MOVES), appid="wx1", mch_id="100")
        self.assertTrue(all(line.startswith("`") for line in text.splitlines()[1:-2]))
        rows = bill.parse_wechat_bill(text.encode())
        self.assertEqual(rows, sorted(MOVES, key=lambda row: row["time"]))

    def test_day_and_hidden(self):
        """Only the day's movements (China time) are billed; a hidden one is left out, an extra row added."""
        aware = dict(movement("CN0009", 500), time=datetime(2026, 12, 5, 16, 30, tzinfo=UTC))  # 00:30 CST
        late = dict(movement("CN0010", 500), time=datetime(2026, 12, 6, 16, 30, tzinfo=UTC))  # next day
        extra = movement("XX0001", 700, ref="4200999")
        rows = sim_bill.bill_rows(DAY, MOVES + [aware, late], extra_rows=[extra], hidden={"CN0002"})
        parsed = bill.parse_wechat_bill(sim_bill.wechat_bill(rows))
        self.assertEqual([row["out_trade_no"] for row in parsed], ["CN0009", "CN0001", "XX0001", "CN0001", "CN0003"])
        self.assertEqual(parsed[0]["time"], datetime(2026, 12, 6, 0, 30))

    def test_empty_day_and_error(self):
        """A bill of no rows is empty; WeChat's XML error is a BillError with its message."""
        self.assertEqual(bill.parse_wechat_bill(sim_bill.wechat_bill([])), [])
        with self.assertRaisesRegex(bill.BillError, "No Bill Exist"):
            bill.parse_wechat_bill(sim_bill.wechat_no_bill())

    def test_malformed(self):
        """Anything but a complete, consistent bill is refused."""
        good = sim_bill.wechat_bill(sim_bill.bill_rows(DAY, MOVES))
        lines = good.splitlines()
        self.assertEqual(lines[-1], "`4,`1123.00,`23.00,`0.00,`6.60,`1123.00,`23.00")
        cases = {
            "empty": "",
            "html": "<html><body>502 Bad Gateway</body></html>",
            "cut short": "\n".join(lines[:-2]),
            "count": good.replace("`4,`", "`5,`"),
            "total": "\n".join(lines[:-1] + [lines[-1].replace("`1123.00", "`1123.01")]),
            "amount": good.replace("`123.00", "`12x.00"),
            "width": "\n".join([lines[0], lines[1] + ",`extra"] + lines[2:]),
            "time": good.replace("2026-12-06 10:00:00", "yesterday", 1),
            "binary": b"\xff\xfe\x00garbage",
        }
        for name, text in cases.items():
            with self.subTest(name), self.assertRaises(bill.BillError):
                bill.parse_wechat_bill(text)


class TestAlipayBill(unittest.TestCase):
    def test_round_trip(self):
        """The zip holds the 业务明细 CSV in GBK; it reads back into the movements (no sub-merchant)."""
        data = sim_bill.alipay_bill_zip(DAY, sim_bill.bill_rows(DAY, MOVES), pid="2088123")
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        self.assertIn("2088123_20261206_业务明细.csv", names)
        raw = zipfile.ZipFile(io.BytesIO(data)).read("2088123_20261206_业务明细.csv")
        self.assertIn("业务明细列表".encode("gbk"), raw)
        expected = [dict(row, sub_mch_id="") for row in sorted(MOVES, key=lambda row: row["time"])]
        self.assertEqual(bill.parse_alipay_bill(data), expected)

    def test_malformed(self):
        text = sim_bill.alipay_bill_csv(DAY, sim_bill.bill_rows(DAY, MOVES))
        cases = {
            "not a zip": b"PK\x03\x04 not really",
            "no detail member": _zip({"summary.csv": b"x"}),
            "json error": b'{"code": "40004", "sub_code": "isp.bill_not_exist"}',
            "no section": "#支付宝业务明细查询\n",
            "cut short": text[: text.index("#交易合计")],
            "count": text.replace("#交易合计：3笔", "#交易合计：4笔"),
            "amount": text.replace("123.00", "abc", 1),
        }
        for name, data in cases.items():
            with self.subTest(name), self.assertRaises(bill.BillError):
                bill.parse_alipay_bill(data)

    def test_gbk_member_name(self):
        """Alipay's zips name members in GBK without the UTF-8 flag: still found."""
        text = sim_bill.alipay_bill_csv(DAY, [])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            info = zipfile.ZipInfo("2088_20261206_业务明细.csv".encode("gbk").decode("cp437"))
            archive.writestr(info, text.encode("gbk"))
        self.assertEqual(bill.parse_alipay_bill(buffer.getvalue()), [])


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class TestReconcile(unittest.TestCase):
    def test_results(self):
        """Matched, missing (ours only), extra (bill only), amount differs; refunds keyed by refund number."""
        ours = [
            {"kind": "pay", "out_trade_no": "A", "out_refund_no": "", "amount_fen": 100, "id": 1},
            {"kind": "pay", "out_trade_no": "B", "out_refund_no": "", "amount_fen": 200, "id": 2},
            {"kind": "refund", "out_trade_no": "A", "out_refund_no": "R1", "amount_fen": 40, "id": 3},
            {"kind": "pay", "out_trade_no": "D", "out_refund_no": "", "amount_fen": 300, "id": 4},
        ]
        theirs = [
            movement("A", 100),
            movement("A", 50, kind="refund", out_refund_no="R1"),
            movement("C", 70),
            movement("D", 300, kind="refund", out_refund_no="R9"),
            movement("D", 300),
        ]
        lines = bill.reconcile(ours, theirs)
        self.assertEqual(
            [(line["result"], (line["ours"] or {}).get("id"), line["difference_fen"]) for line in lines],
            [("matched", 1, 0), ("missing", 2, -200), ("amount", 3, 10), ("matched", 4, 0),
             ("extra", None, 70), ("extra", None, 300)],
        )  # fmt: skip

    def test_twice_in_bill(self):
        with self.assertRaisesRegex(bill.BillError, "twice"):
            bill.reconcile([], [movement("A", 1), movement("A", 1)])

    def test_yuan_to_fen(self):
        self.assertEqual(bill.yuan_to_fen(" 1,234.56 "), 123456)
        for text in ("", "1.234", "nan", "inf", "1e400x"):
            with self.subTest(text), self.assertRaises(bill.BillError):
                bill.yuan_to_fen(text)

    def test_china_time(self):
        self.assertEqual(sim_bill.china_time(0), datetime(1970, 1, 1, 8, 0))
        self.assertEqual(
            sim_bill.china_time(datetime(2026, 12, 6, 1, tzinfo=timezone(timedelta(hours=1)))),
            datetime(2026, 12, 6, 8, 0),
        )


class TestSimulatorBills(unittest.TestCase):
    """The bills the real simulators serve over HTTP, downloaded by our clients, read back."""

    def _day(self):
        return (datetime.now(UTC) + timedelta(hours=8)).date()

    def test_wechatpay(self):
        sim = WechatPaySimulator().start()
        self.addCleanup(sim.stop)
        client = WechatPayClient(sim.url, sim.appid, sim.mch_id, sim.api_key)
        day = self._day()
        text, error = client.downloadbill(day.strftime("%Y%m%d"))
        self.assertIsNone(text)
        self.assertEqual(error.message, "No Bill Exist")
        for number, amount in (("T1", 1000), ("T2", 2550), ("T3", 300)):
            self.assertTrue(client.micropay(number, amount, "134567890123456701", "POS").ok)
        self.assertFalse(client.micropay("T4", 990, "134567890123456752", "POS").ok)  # not enough balance
        self.assertTrue(client.refund("T2", "R1", 2550, 550).ok)
        sim.hide_from_bill.add("T3")
        sim.extra_bill_rows.append({"out_trade_no": "X1", "amount_fen": 777})
        text, error = client.downloadbill(day.strftime("%Y%m%d"))
        self.assertIsNone(error)
        rows = bill.parse_wechat_bill(text)
        self.assertEqual(
            sorted((r["kind"], r["out_trade_no"], r["out_refund_no"], r["amount_fen"]) for r in rows),
            [("pay", "T1", "", 1000), ("pay", "T2", "", 2550), ("pay", "X1", "", 777), ("refund", "T2", "R1", 550)],
        )
        self.assertEqual({r["provider_ref"] for r in rows if r["out_trade_no"] == "T1"},
                         {sim.trades["T1"]["provider_ref"]})  # fmt: skip
        # an extra row without a time is on the bill of whatever day is asked
        text, error = client.downloadbill((day - timedelta(days=1)).strftime("%Y%m%d"))
        self.assertEqual([r["out_trade_no"] for r in bill.parse_wechat_bill(text)], ["X1"])
        sim.extra_bill_rows.clear()
        text, error = client.downloadbill((day - timedelta(days=1)).strftime("%Y%m%d"))
        self.assertEqual(error.message, "No Bill Exist")

    def test_alipay(self):
        sim = AlipaySimulator().start()
        self.addCleanup(sim.stop)
        client = AlipayClient(sim.gateway, sim.app_id, sim.app_private_key_pem, sim.alipay_public_key_pem)
        day = self._day()
        for number, amount in (("A1", 1000), ("A2", 2000)):
            self.assertTrue(client.pay(number, amount, "2812345678901234", "POS").ok)
        self.assertTrue(client.refund("A1", "AR1", 400).ok)
        sim.hide_from_bill.add("A2")
        data, error = client.download_bill(day.isoformat())
        self.assertIsNone(error)
        self.assertEqual(data[:2], b"PK")
        rows = bill.parse_alipay_bill(data)
        self.assertEqual(
            sorted((r["kind"], r["out_trade_no"], r["out_refund_no"], r["amount_fen"]) for r in rows),
            [("pay", "A1", "", 1000), ("refund", "A1", "AR1", 400)],
        )
        data, error = client.download_bill((day - timedelta(days=1)).isoformat())
        self.assertEqual(bill.parse_alipay_bill(data), [])
