"""The clients and simulators of ``chain_pos_payment_cn.lib`` over real HTTP: no database, no ORM."""

import doctest
import json
import pathlib
import subprocess
import sys
import time
import unittest

from odoo.addons.chain_pos_payment_cn.lib import alipay, pay_flow, pay_result, sim_common, wechatpay
from odoo.addons.chain_pos_payment_cn.lib.alipay_simulator import AlipaySimulator
from odoo.addons.chain_pos_payment_cn.lib.wechatpay_simulator import WechatPaySimulator

WECHAT = "1345678901234567{:02d}"
ALIPAY = "28123456789012345{:02d}"


class TestDoctests(unittest.TestCase):
    def test_doctests(self):
        for module in (alipay, pay_flow, pay_result, sim_common, wechatpay):
            failed, _attempted = doctest.testmod(module)
            self.assertEqual(failed, 0, module.__name__)


class TestWechatPay(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = WechatPaySimulator().start()
        cls.client = wechatpay.WechatPayClient(cls.sim.url, cls.sim.appid, cls.sim.mch_id, cls.sim.api_key)

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.sim.reset()

    def outcome(self, scenario, queries=3):
        no = f"T{scenario:02d}"
        first = self.client.micropay(no, 1234, WECHAT.format(scenario), "test")
        return (first.status, first.code), [self.client.orderquery(no, 1234)[:2] for _i in range(queries)]

    def test_scenarios(self):
        self.assertEqual(self.outcome(0), (("success", "SUCCESS"), [("success", "SUCCESS")] * 3))
        self.assertEqual(self.outcome(50)[1], [("user_paying", "USERPAYING")] * 2 + [("success", "SUCCESS")])
        self.assertEqual(self.outcome(51)[1], [("user_paying", "USERPAYING")] * 3)
        self.assertEqual(self.outcome(52)[0], ("failed", "NOTENOUGH"))
        self.assertEqual(self.outcome(53), (("unknown", "SYSTEMERROR"), [("success", "SUCCESS")] * 3))
        self.assertEqual(self.outcome(54), (("unknown", "NETWORK"), [("success", "SUCCESS")] * 3))
        self.assertEqual(self.outcome(55)[0], ("failed", "AUTHCODEEXPIRE"))
        self.assertEqual(self.outcome(56), (("unknown", "SYSTEMERROR"), [("failed", "NOTPAY")] * 3))
        self.assertEqual(sorted(self.sim.charged()), ["T00", "T50", "T53", "T54"])

    def test_reverse_refund_duplicate_signature(self):
        self.client.micropay("R1", 1000, WECHAT.format(51), "test")
        self.assertEqual(self.client.reverse("R1")[:2], ("success", "REVERSED"))
        self.assertEqual(self.client.orderquery("R1", 1000)[:2], ("failed", "REVOKED"))
        self.client.micropay("P1", 1000, WECHAT.format(1), "test")
        self.assertEqual(self.client.micropay("P1", 1000, WECHAT.format(1), "test")[:2], ("unknown", "ORDERPAID"))
        self.assertEqual(self.client.refund("P1", "F1", 1000, 400).status, "success")
        self.assertEqual(self.client.refund("P1", "F1", 1000, 400).status, "success")
        self.assertEqual(self.client.refund("P1", "F2", 1000, 700).status, "failed")
        self.assertEqual(self.client.refundquery("F1").amount_fen, 400)
        self.assertEqual(self.sim.trades["P1"]["refunded_fen"], 400)
        bad = wechatpay.WechatPayClient(self.sim.url, self.sim.appid, self.sim.mch_id, "wrong-key")
        self.assertEqual(bad.micropay("X1", 1, WECHAT.format(1), "x")[:3], ("failed", "FAIL", "签名错误"))
        self.sim.tamper = True
        self.assertEqual(self.client.micropay("X2", 1, WECHAT.format(1), "x")[:2], ("unknown", pay_result.BAD_RESPONSE))
        self.assertNotIn(self.sim.api_key, repr(self.client))

    def test_unreachable_is_unknown(self):
        client = wechatpay.WechatPayClient("http://127.0.0.1:9", "a", "m", "k", timeout=(0.5, 0.5))
        self.assertEqual(client.micropay("N1", 1, WECHAT.format(1), "x")[:2], ("unknown", pay_result.NETWORK))


class TestAlipay(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = AlipaySimulator().start()
        cls.client = alipay.AlipayClient(
            cls.sim.gateway, cls.sim.app_id, cls.sim.app_private_key_pem, cls.sim.alipay_public_key_pem
        )

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.sim.reset()

    def outcome(self, scenario, queries=3):
        no = f"A{scenario:02d}"
        first = self.client.pay(no, 1234, ALIPAY.format(scenario), "test")
        return (first.status, first.code), [self.client.query(no, 1234)[:2] for _i in range(queries)]

    def test_scenarios(self):
        self.assertEqual(self.outcome(0), (("success", "SUCCESS"), [("success", "SUCCESS")] * 3))
        self.assertEqual(self.outcome(50)[1], [("user_paying", "WAIT_BUYER_PAY")] * 2 + [("success", "SUCCESS")])
        self.assertEqual(self.outcome(52)[0], ("failed", "ACQ.BUYER_BALANCE_NOT_ENOUGH"))
        self.assertEqual(self.outcome(53)[1], [("success", "SUCCESS")] * 3)
        self.assertEqual(self.outcome(54), (("unknown", "NETWORK"), [("success", "SUCCESS")] * 3))
        self.assertEqual(self.outcome(55)[0], ("failed", "ACQ.PAYMENT_AUTH_CODE_INVALID"))
        self.assertEqual(self.outcome(56)[1], [("failed", "ACQ.TRADE_NOT_EXIST")] * 3)
        self.assertEqual(sorted(self.sim.charged()), ["A00", "A50", "A53", "A54"])

    def test_cancel_refund_signature(self):
        self.client.pay("C1", 500, ALIPAY.format(51), "t")
        self.assertEqual(self.client.cancel("C1")[:2], ("success", "CLOSE"))
        self.assertEqual(self.client.query("C1", 500)[:2], ("failed", "TRADE_CLOSED"))
        self.client.pay("P1", 500, ALIPAY.format(2), "t")
        self.assertEqual(self.client.refund("P1", "F1", 200).status, "success")
        self.assertEqual(self.client.refund("P1", "F1", 200).status, "success")
        self.assertEqual(self.client.refund("P1", "F2", 400)[:2], ("failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"))
        self.assertEqual(self.client.refund_query("P1", "F1").amount_fen, 200)
        other = AlipaySimulator()  # keys of another app: refused by the gateway
        bad = alipay.AlipayClient(self.sim.gateway, self.sim.app_id, other.app_private_key_pem, "")
        self.assertEqual(bad.pay("X1", 1, ALIPAY.format(1), "x")[:2], ("failed", "isv.invalid-signature"))
        wrong_platform = alipay.AlipayClient(self.sim.gateway, self.sim.app_id, self.sim.app_private_key_pem,
                                             other.alipay_public_key_pem)  # fmt: skip
        self.assertEqual(wrong_platform.pay("X2", 1, ALIPAY.format(1), "x")[:2], ("unknown", pay_result.BAD_RESPONSE))
        self.sim.tamper = True
        self.assertEqual(self.client.pay("X3", 1, ALIPAY.format(1), "x")[:2], ("unknown", pay_result.BAD_RESPONSE))


class TestRunAlone(unittest.TestCase):
    def test_simulators_run_as_scripts(self):
        lib = pathlib.Path(wechatpay.__file__).parent
        for script, port in (("wechatpay_simulator.py", 18491), ("alipay_simulator.py", 18492)):
            process = subprocess.Popen([sys.executable, str(lib / script), "--port", str(port)],
                                       stdout=subprocess.PIPE, text=True)  # fmt: skip
            try:
                settings = json.loads(process.stdout.readline())
                self.assertIn(str(port), settings["endpoint"])
                if script.startswith("wechat"):
                    client = wechatpay.WechatPayClient(settings["endpoint"], settings["appid"], settings["mch_id"],
                                                       settings["api_key"])  # fmt: skip
                    self.assertTrue(client.micropay(f"S{time.time_ns()}", 1, WECHAT.format(1), "x").ok)
                else:
                    keys = (settings["app_private_key_pem"], settings["alipay_public_key_pem"])
                    client = alipay.AlipayClient(settings["endpoint"], settings["app_id"], *keys)
                    self.assertTrue(client.pay(f"S{time.time_ns()}", 1, ALIPAY.format(1), "x").ok)
            finally:
                process.terminate()
                process.wait(10)
