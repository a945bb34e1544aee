"""The Kingdee EAS protocol, client and simulator without a database: real HTTP, real zeep."""

import doctest
import json
import pathlib
import subprocess
import sys
import unittest
import urllib.request
from datetime import date
from decimal import Decimal

from odoo.addons.chain_account_kingdee.lib import kingdee_protocol as protocol
from odoo.addons.chain_account_kingdee.lib import kingdee_simulator as simulator_module
from odoo.addons.chain_account_kingdee.lib.kingdee_client import KingdeeError, KingdeeSession
from odoo.addons.chain_account_kingdee.lib.kingdee_simulator import KingdeeSimulator

DAY = date(2026, 12, 7)


def header(number="OD20261207", company="01"):
    return {"companyNumber": company, "bookedDate": "2026-12-07", "bizDate": "2026-12-07", "periodYear": 2026,
            "periodNumber": 12, "voucherType": "记", "voucherNumber": number, "voucherAbstract": "Odoo 2026-12-07",
            "currencyNumber": "BB01"}  # fmt: skip


def sale(amount="113.00", number="OD20261207", company="01", sales_account="5001"):
    amount = Decimal(amount)
    net = (amount / Decimal("1.13")).quantize(Decimal("0.01"))
    return protocol.voucher_entries(
        header(number, company),
        [("1001", None, None, None, amount), (sales_account, "门店", "S01", "Store 1", -net),
         ("222101", None, None, None, net - amount)],
    )  # fmt: skip


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        for module in (protocol, simulator_module):
            failures, _tests = doctest.testmod(module)
            self.assertFalse(failures, module.__name__)


class TestProtocol(unittest.TestCase):
    def test_allocation_keeps_every_cent(self):
        totals = {"6001": Decimal("-100.00"), "1001": Decimal("100.00")}
        shares = {("6001", "A"): Decimal("-33.335"), ("6001", "B"): Decimal("-66.665")}
        parts = protocol.allocate(totals, shares)
        self.assertEqual(sum(amount for account, _s, amount in parts if account == "6001"), Decimal("-100.00"))
        self.assertEqual(sum(amount for _a, _s, amount in parts), 0)

    def test_entries_balance(self):
        entries = sale("99.99")
        debit, credit = protocol.totals(entries)
        self.assertEqual(debit, credit)
        self.assertEqual([e["entrySeq"] for e in entries], [1, 2, 3])
        self.assertEqual([e.get("asstActNumber1") for e in entries], [None, None, "S01"])

    def test_voucher_number_is_stable(self):
        self.assertEqual(protocol.voucher_number("OD", DAY), protocol.voucher_number("OD", DAY))


class TestSimulatorOverSoap(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.sim = KingdeeSimulator(users={"u": "p"}, dc_name="dc").start()
        self.addCleanup(self.sim.stop)
        self.settings = {"url": self.sim.url, "user": "u", "password": "p", "dc_name": "dc", "timeout": 5}

    def test_wsdls_are_served(self):
        for service in ("EASLogin", "WSWSVoucher"):
            with urllib.request.urlopen(f"{self.sim.url}{service}?wsdl", timeout=5) as answer:
                body = answer.read().decode()
            self.assertIn(f'name="{service}"', body)
            self.assertIn('style="rpc"', body)

    def test_import_then_duplicate(self):
        with KingdeeSession(self.settings) as session:
            rows = session.import_vouchers(sale())
            self.assertEqual(protocol.read_result(rows, "OD20261207")[0], "accepted")
            rows = session.import_vouchers(sale())
            self.assertEqual(protocol.read_result(rows, "OD20261207")[0], "duplicate")
        self.assertEqual(self.sim.voucher_numbers(), ["OD20261207"])
        self.assertFalse(self.sim.sessions, "logged out")

    def test_validation(self):
        unbalanced = sale()
        unbalanced[0]["debitAmount"] = unbalanced[0]["originalAmount"] = 200.0
        cases = {
            "借贷不平衡": unbalanced,
            "科目[9999]不存在": sale(sales_account="9999"),
            "公司[99]不存在": sale(company="99"),
        }
        with KingdeeSession(self.settings) as session:
            for message, entries in cases.items():
                outcome, text = protocol.read_result(session.import_vouchers(entries), "OD20261207")
                self.assertEqual(outcome, "refused")
                self.assertIn(message, text)
        self.assertFalse(self.sim.vouchers)

    def test_bad_password_is_a_fault(self):
        session = KingdeeSession(dict(self.settings, password="nope"))
        with self.assertRaises(KingdeeError) as caught:
            session.import_vouchers(sale())
        self.assertIn("用户名或密码错误", caught.exception.message)
        with self.assertRaises(KingdeeError):  # not tried again in the same session (no lockout)
            session.login()
        self.assertEqual(self.sim.logins, 1)

    def test_session_expiry_logs_in_once_more(self):
        self.sim.session_calls = 1
        with KingdeeSession(self.settings) as session:
            session.import_vouchers(sale(number="A1"))
            session.import_vouchers(sale(number="A2"))
            self.assertEqual(session.logins, 2)
        self.assertEqual(self.sim.voucher_numbers(), ["A1", "A2"])

    def test_fault_on_demand(self):
        self.sim.fail_next("com.kingdee.bos.BOSException: busy")
        with KingdeeSession(self.settings) as session:
            with self.assertRaises(KingdeeError) as caught:
                session.import_vouchers(sale())
            self.assertIn("busy", caught.exception.message)
            self.assertFalse(caught.exception.uncertain)
            session.import_vouchers(sale())
        self.assertEqual(self.sim.voucher_numbers(), ["OD20261207"])

    def test_server_down_is_a_kingdee_error(self):
        url = self.sim.url
        self.sim.stop()
        with self.assertRaises(KingdeeError):
            KingdeeSession(dict(self.settings, url=url)).login()


class TestStandalone(unittest.TestCase):
    def test_runs_alone_and_prints_its_url(self):
        script = pathlib.Path(simulator_module.__file__)
        process = subprocess.Popen([sys.executable, str(script), "--port", "0"], stdout=subprocess.PIPE, text=True)
        self.addCleanup(process.wait, 5)
        self.addCleanup(process.kill)
        info = json.loads(process.stdout.readline())
        self.assertTrue(info["url"].endswith("/ormrpc/services/"))
        with urllib.request.urlopen(info["url"] + "EASLogin?wsdl", timeout=5) as answer:
            self.assertEqual(answer.status, 200)
