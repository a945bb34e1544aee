"""Attacks as store users: the provider keys, another store's till, the recorded state."""

import json
import logging
import uuid

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import ChainPayCnCase

SECRETS = ("api_key", "alipay_private_key", "alipay_public_key", "cert_pem", "cert_key_pem", "mch_id")


@tagged("post_install", "-at_install")
class TestSecurity(ChainPayCnCase):
    def test_store_users_cannot_read_the_keys(self):
        for user in (self.cashier_a, self.staff_a, self.manager_a):
            Account = self.env["chain.pay.cn.account"].with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Account.search_read([], ["name", "api_key"])
                with self.assertRaises(AccessError):
                    self.wechat_account.with_user(user).read(["api_key"])
                with self.assertRaises(UserError):  # AccessError or UserError (no export right)
                    self.alipay_account.with_user(user).export_data(["alipay_private_key"])
                with self.assertRaises(AccessError):
                    Account.create({"name": "mine", "provider": "wechatpay", "endpoint": "http://evil.example"})
        # a POS manager configures them
        pos_manager = new_test_user(self.env, login="t_pay_pos_manager", groups="point_of_sale.group_pos_manager")
        values = self.wechat_account.with_user(pos_manager).read(["api_key"])[0]
        self.assertEqual(values["api_key"], self.wechat.api_key)

    def test_transactions_do_not_lead_to_the_keys(self):
        paid, _data = self.pay("alipay", 0)
        transaction = self.transaction(paid).with_user(self.manager_a)
        self.assertEqual(transaction.state, "done", "the store manager reads the store's payments")
        with self.assertRaises(AccessError):
            transaction.read(["account_id"])

    def test_cashier_cannot_pay_through_another_stores_till(self):
        for session in (self.session_b, self.env["pos.session"].browse(999999)):
            with self.assertRaises(AccessError):
                self.pay("wechatpay", 0, session=session, user=self.cashier_a)
        self.assertEqual(self.wechat.calls, [])
        # and not poll, cancel or refund a payment of store A from store B
        paid, _data = self.pay("wechatpay", 0)
        for name, extra in (("chain_cn_poll", {}), ("chain_cn_cancel", {}),
                            ("chain_cn_refund", {"refund_uuid": str(uuid.uuid4()), "amount": 1.0})):  # fmt: skip
            with self.subTest(name=name), self.assertRaises(AccessError):
                self.call(
                    "wechatpay", name, paid["transaction_id"], user=self.cashier_b, session=self.session_b, **extra
                )
        self.assertEqual(self.wechat.refunds, {})
        # store B's cashier does not see store A's payments either
        Transaction = self.env["chain.pay.cn.transaction"].with_user(self.cashier_b)
        self.assertFalse(Transaction.search([("id", "=", paid["transaction_id"])]))

    def test_method_not_of_this_till(self):
        with self.assertRaises(UserError):
            self.pay("alipay", 0, session=self.session_b, user=self.cashier_b)
        self.assertEqual(self.alipay.calls, [])

    def test_recorded_state_cannot_be_forged(self):
        pending, _data = self.pay("wechatpay", 51)
        transaction = self.transaction(pending)
        for user in (self.cashier_a, self.manager_a):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    transaction.with_user(user).write({"state": "done"})
                with self.assertRaises(AccessError):
                    transaction.with_user(user).write({"amount": 1.0, "amount_fen": 100})
                with self.assertRaises(AccessError):
                    self.env["chain.pay.cn.transaction"].with_user(user).create(
                        {"provider": "wechatpay", "company_id": self.env.company.id, "out_trade_no": "X1",
                         "state": "done", "store_id": self.store_a.id}
                    )  # fmt: skip
        self.assertEqual(transaction.state, "user_paying")

    def test_keys_are_never_logged(self):
        logged = []

        class Keep(logging.Handler):
            def emit(self, record):
                logged.append(record.getMessage())

        handler = Keep(level=logging.DEBUG)
        root = logging.getLogger()
        old_level = root.level
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        try:
            for provider in ("wechatpay", "alipay"):
                paid, _data = self.pay(provider, 53)
                self.poll(provider, paid)
                self.call(
                    provider, "chain_cn_refund", paid["transaction_id"], refund_uuid=str(uuid.uuid4()), amount=5.0
                )
                self.sims[provider].tamper = True
                self.pay(provider, 1)
                self.sims[provider].tamper = False
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
        text = "\n".join(logged)
        self.assertIn("pay answered", text, "the payment flow logs")
        private_key_body = self.alipay.app_private_key_pem.splitlines()[5]
        for secret in (self.wechat.api_key, private_key_body):
            self.assertNotIn(secret, text)


@tagged("post_install", "-at_install")
class TestSecurityOverRpc(ChainPayCnCase):
    """The same attacks as a client would make them: JSON-RPC as store A's cashier."""

    def setUp(self):
        super().setUp()
        self.cashier_a.password = "cashier-a-pass"
        self.authenticate(self.cashier_a.login, "cashier-a-pass")

    def rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_keys_are_not_readable_over_rpc(self):
        account = "chain.pay.cn.account"
        for method, args, kwargs in (
            ("search_read", [[]], {"fields": ["api_key", "alipay_private_key"]}),
            ("read", [self.wechat_account.ids, ["api_key"]], {}),
            ("export_data", [self.alipay_account.ids, ["alipay_private_key"]], {}),
            ("web_search_read", [[]], {"specification": {"api_key": {}}}),
        ):
            with self.subTest(method=method), self.assertRaises(JsonRpcException) as caught:
                self.rpc(account, method, *args, **kwargs)
            self.assertIn("odoo.exceptions", str(caught.exception))
        # nor through a payment's link to its account
        paid, _data = self.pay("wechatpay", 0)
        with self.assertRaises(JsonRpcException):
            self.rpc("chain.pay.cn.transaction", "read", [paid["transaction_id"]], ["account_id"])

    def test_another_stores_till_and_forged_state_over_rpc(self):
        data = {
            "pos_session_id": self.session_b.id,
            "order_uuid": str(uuid.uuid4()),
            "payment_uuid": str(uuid.uuid4()),
            "amount": 10.0,
            "order_amount_due": 10.0,
            "auth_code": "134567890123456700",
        }
        with self.assertRaises(JsonRpcException) as caught:
            self.rpc("pos.payment.method", "chain_cn_pay", self.wechat_method.ids, data)
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        self.assertEqual(self.wechat.calls, [])
        # through the cashier's own till it works, and its answer holds no key
        answer = self.rpc("pos.payment.method", "chain_cn_pay", self.wechat_method.ids,
                          {**data, "pos_session_id": self.session_a.id})  # fmt: skip
        self.assertEqual(answer["status"], "done")
        self.assertNotIn(self.wechat.api_key, json.dumps(answer))
        with self.assertRaises(JsonRpcException):
            self.rpc("chain.pay.cn.transaction", "write", [answer["transaction_id"]], {"state": "failed"})
