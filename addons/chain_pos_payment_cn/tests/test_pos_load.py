import json

from odoo.tests import tagged

from .test_pos_tour import ChainPosPaymentCnTillCase

SECRET_WORDS = ("key", "secret", "cert", "private", "password", "token", "endpoint")


@tagged("post_install", "-at_install")
class TestPosLoad(ChainPosPaymentCnTillCase):
    """What the till loads when it starts: the payment-code methods and their code shapes,
    never anything of the provider accounts."""

    def load(self):
        return self.pos_session.with_user(self.cashier_a).load_data([])

    def test_till_loads_the_methods_and_code_shapes(self):
        data = self.load()
        config_b = self._pos_config(self.store_b)
        config_b.payment_method_ids = config_b.payment_method_ids.filtered(lambda m: not m.use_payment_terminal)
        other_till = self.env["pos.session"].new({"config_id": config_b.id})
        self.assertEqual(other_till._chain_cn_pay_pos_settings()["providers"], {}, "only the providers a till uses")
        methods = {m["id"]: m for m in data["pos.payment.method"]["data"]}
        self.assertEqual(methods[self.wechat_method.id]["use_payment_terminal"], "chain_wechatpay")
        settings = data["pos.session"]["data"][0]["_chain_cn_pay"]
        self.assertEqual(
            settings["providers"],
            {
                "chain_wechatpay": {"key": "wechatpay", "minLength": 18, "maxLength": 18, "prefixes": [10, 15]},
                "chain_alipay": {"key": "alipay", "minLength": 16, "maxLength": 24, "prefixes": [25, 30]},
            },
        )
        self.assertTrue(2000 <= settings["poll_ms"] <= 3000, "the till polls every 2-3 s")
        self.assertIn(
            "chain_cn_transaction_id",
            data["pos.payment"]["relations"],
            "the till sends the settled transaction with the payment",
        )

    def test_till_never_gets_a_secret(self):
        data = self.load()
        self.assertNotIn("chain.pay.cn.account", data)
        self.assertNotIn("chain.pay.cn.transaction", data)
        dump = json.dumps(data, default=str)
        alipay_key = self.alipay.app_private_key_pem.splitlines()[1]
        for secret in (self.wechat.api_key, self.wechat.url, self.wechat.mch_id, self.wechat.appid, alipay_key):
            self.assertNotIn(secret, dump)
        fields = data["pos.payment.method"]["fields"]
        self.assertTrue(fields, "the methods load a list of fields, not all of them")
        self.assertFalse([f for f in fields if any(word in f for word in SECRET_WORDS)])
