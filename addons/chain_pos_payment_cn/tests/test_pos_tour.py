from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.chain_store.tests.common import ChainStoreCase, run_hoot_units

from ..lib.alipay_simulator import AlipaySimulator
from ..lib.wechatpay_simulator import WechatPaySimulator


class ChainPosPaymentCnTillCase(ChainStoreCase):
    """Store A's till takes WeChat Pay and Alipay payment codes, on local simulators of both;
    ``cashier_a`` works it. A baby bottle sells for 120 CNY (no tax)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wechat = WechatPaySimulator(port=0).start()
        cls.addClassCleanup(cls.wechat.stop)
        cls.alipay = AlipaySimulator(port=0).start()
        cls.addClassCleanup(cls.alipay.stop)
        cls.env["chain.pay.cn.account"].create(
            [
                cls._wechat_account_vals(cls.wechat),
                {
                    "name": "Alipay (simulator)",
                    "provider": "alipay",
                    "company_id": cls.env.company.id,
                    "alipay_app_id": cls.alipay.app_id,
                    "alipay_private_key": cls.alipay.app_private_key_pem,
                    "alipay_public_key": cls.alipay.alipay_public_key_pem,
                    "endpoint": cls.alipay.gateway,
                },
            ]
        )
        cls.item = cls.env["product.product"].create(
            {
                "name": "Baby Bottle (test)",
                "available_in_pos": True,
                "lst_price": 120.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.cashier_a = new_test_user(
            cls.env,
            login="t_cashier_a",
            groups="point_of_sale.group_pos_user,chain_store.group_chain_store_user",
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )
        cls.config = cls._pos_config(cls.store_a)
        bank = cls.config.payment_method_ids.filtered(lambda m: m.journal_id.type == "bank")[:1]
        cls.wechat_method = cls.env["pos.payment.method"].create(
            {
                "name": "WeChat Pay",
                "journal_id": bank.journal_id.id,
                "use_payment_terminal": "chain_wechatpay",
            }
        )
        cls.cash = cls.config.payment_method_ids.filtered("is_cash_count")[:1]
        cls.cash.name = "Cash"
        cls.alipay_method = cls.env["pos.payment.method"].create(
            {"name": "Alipay", "journal_id": bank.journal_id.id, "use_payment_terminal": "chain_alipay"}
        )
        cls.config.write(
            {
                "payment_method_ids": [Command.link(cls.wechat_method.id), Command.link(cls.alipay_method.id)],
                "auto_validate_terminal_payment": False,
            }
        )
        cls.config.open_ui()
        cls.pos_session = cls.config.current_session_id

    @classmethod
    def _wechat_account_vals(cls, sim):
        """A company account of WeChat Pay (merchant mode) on the simulator ``sim``."""
        return {
            "name": "WeChat Pay (simulator)",
            "provider": "wechatpay",
            "company_id": cls.env.company.id,
            "mode": "merchant",
            "appid": sim.appid,
            "mch_id": sim.mch_id,
            "api_key": sim.api_key,
            "endpoint": sim.url,
        }

    def setUp(self):
        super().setUp()
        self.wechat.reset()
        self.alipay.reset()


@tagged("post_install", "-at_install")
class TestPosPaymentTour(HttpCase, ChainPosPaymentCnTillCase):
    """The cashier's path in a real browser (headless Chromium)."""

    def test_pay_by_wechat_code_then_refund(self):
        """A bad code is refused at the till; a payment the customer never confirms is cancelled
        by the cashier (reversed, nothing charged); the customer's code (user-paying, then paid)
        pays the order while the till polls, also through a lost connection (still pending, asked
        again); the refund from the ticket screen goes back to her."""
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "chain_pos_payment_cn_tour", login="t_cashier_a")

        sale, refund = self.env["pos.order"].search([("session_id", "=", self.pos_session.id)], order="id")
        self.assertEqual((sale.state, sale.amount_total), ("paid", 120.0))
        self.assertEqual((refund.state, refund.amount_total), ("paid", -120.0))
        self.assertEqual(refund.lines.refunded_orderline_id, sale.lines)
        paid = sale.payment_ids
        self.assertEqual((paid.payment_method_id, paid.amount), (self.wechat_method, 120.0))
        transaction = paid.chain_cn_transaction_id
        self.assertTrue(transaction, "the payment names the transaction the provider settled")
        self.assertEqual((transaction.state, transaction.amount), ("done", 120.0))
        self.assertEqual(paid.transaction_id, transaction.provider_ref)
        self.assertEqual(transaction.masked_code[-4:], "6750", "only the code's last 4 digits are kept")
        self.assertEqual(transaction.refunded_amount, 120.0)
        back = refund.payment_ids
        self.assertEqual((back.payment_method_id, back.amount), (self.wechat_method, -120.0))
        # the attempt the cashier cancelled was reversed at the provider, nothing kept
        attempts = self.env["chain.pay.cn.transaction"].search([("pos_session_id", "=", self.pos_session.id)])
        self.assertEqual(sorted(attempts.mapped("state")), ["done", "reversed"])
        self.assertEqual(sorted(t["state"] for t in self.wechat.trades.values()), ["REVERSED", "SUCCESS"])
        # at the provider: charged once (after two user-paying queries), refunded once, in full
        charged = self.wechat.charged()
        self.assertEqual(list(charged), [transaction.out_trade_no])
        self.assertEqual(charged[transaction.out_trade_no]["amount_fen"], 12000)
        self.assertEqual(charged[transaction.out_trade_no]["refunded_fen"], 12000)
        refunds = list(self.wechat.refunds.values())
        self.assertEqual(len(refunds), 1)
        self.assertEqual((refunds[0]["out_trade_no"], refunds[0]["amount_fen"]), (transaction.out_trade_no, 12000))
        self.assertEqual(transaction.refund_ids.mapped("amount"), [120.0])
        self.assertEqual(transaction.refund_ids.state, "done")
        polls = [api for api, _outcome in self.wechat.calls if api == "/pay/orderquery"]
        self.assertGreaterEqual(len(polls), 3, "the till polled while the customer typed her password")

    def test_pay_by_alipay_and_cash_then_refund(self):
        """An order paid 100 in cash and 20 by an Alipay code (19 digits, starting 28) comes
        back: Alipay refunds the 20 it was paid (the till caps it), cash the rest."""
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "chain_pos_payment_cn_alipay_tour", login="t_cashier_a")
        sale, refund = self.env["pos.order"].search([("session_id", "=", self.pos_session.id)], order="id")
        self.assertEqual((sale.state, refund.state), ("paid", "paid"))
        amounts = {(p.payment_method_id, p.amount) for p in sale.payment_ids}
        self.assertEqual(amounts, {(self.cash, 100.0), (self.alipay_method, 20.0)})
        amounts = {(p.payment_method_id, p.amount) for p in refund.payment_ids}
        self.assertEqual(amounts, {(self.cash, -100.0), (self.alipay_method, -20.0)})
        transaction = sale.payment_ids.chain_cn_transaction_id
        self.assertEqual((transaction.provider, transaction.state, transaction.amount), ("alipay", "done", 20.0))
        self.assertEqual(transaction.refunded_amount, 20.0)
        charged = self.alipay.charged()
        self.assertEqual(list(charged), [transaction.out_trade_no])
        self.assertEqual(charged[transaction.out_trade_no]["amount_fen"], 2000)
        refunds = list(self.alipay.refunds.values())
        self.assertEqual([r["amount_fen"] for r in refunds], [2000], "refunded once, what Alipay was paid")
        self.assertEqual(self.wechat.trades, {}, "nothing went to WeChat Pay")

    def test_bad_code_in_chinese(self):
        """A scanned code that is no WeChat Pay code: refused in the cashier's language
        (zh_CN), nothing sent to the provider, nothing recorded."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["point_of_sale", "chain_pos_payment_cn"], ["zh_CN"])
        self.cashier_a.lang = "zh_CN"
        url = f"/pos/ui?config_id={self.config.id}"
        self.start_tour(url, "chain_pos_payment_cn_bad_code_tour", login="t_cashier_a")
        self.assertEqual((self.wechat.calls, self.alipay.calls), ([], []))
        self.assertEqual(self.wechat.trades, {})
        self.assertFalse(self.env["chain.pay.cn.transaction"].search([("pos_session_id", "=", self.pos_session.id)]))


@tagged("post_install", "-at_install")
class TestPosPaymentUnitJs(HttpCase):
    """Hoot unit tests of the till's pure rules (``static/src/utils``), run in the browser."""

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_pos_payment_cn")
        self.assertGreaterEqual(len(passed), 7, "every unit test of the addon ran and passed")
