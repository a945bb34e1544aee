"""Every simulator scenario, for both providers, at the server (no till): what the till is
told, what the transaction records, what the provider charged."""

from odoo.tests import tagged

from .common import ChainPayCnCase

PROVIDERS = ("wechatpay", "alipay")


@tagged("post_install", "-at_install")
class TestPayFlow(ChainPayCnCase):
    def assertCharged(self, provider, transaction, amount_fen=12000):
        charged = self.sims[provider].charged()
        self.assertEqual(list(charged), [transaction.out_trade_no], "charged exactly once")
        self.assertEqual(charged[transaction.out_trade_no]["amount_fen"], amount_fen)

    def pays(self, provider):
        """The pay calls the simulator received."""
        name = "/pay/micropay" if provider == "wechatpay" else "alipay.trade.pay"
        return [outcome for api, outcome in self.sims[provider].calls if api == name]

    def test_00_success_at_once(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, _data = self.pay(provider, 7)
                code = self.codes[provider].format(7)
                transaction = self.transaction(answer)
                self.assertEqual(answer["status"], "done")
                self.assertTrue(answer["provider_ref"])
                self.assertRecordValues(
                    transaction,
                    [{"state": "done", "amount": 120.0, "amount_fen": 12000, "provider_ref": answer["provider_ref"],
                      "masked_code": "*" * (len(code) - 4) + code[-4:],
                      "store_id": self.store_a.id, "pos_session_id": self.session_a.id, "provider": provider}],
                )  # fmt: skip
                self.assertCharged(provider, transaction)

    def test_50_user_paying_then_success_by_polling(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, _data = self.pay(provider, 50)
                self.assertEqual(answer["status"], "pending")
                self.assertIn("confirm", answer["message"])
                self.assertEqual(self.transaction(answer).state, "user_paying")
                self.assertEqual(self.poll(provider, answer)["status"], "pending")
                self.assertEqual(self.poll(provider, answer)["status"], "pending")
                final = self.poll(provider, answer)
                self.assertEqual(final["status"], "done")
                self.assertEqual(self.transaction(answer).state, "done")
                self.assertCharged(provider, self.transaction(answer))
                self.assertEqual(self.poll(provider, answer)["status"], "done", "a settled payment stays settled")

    def test_51_deadline_reverses_and_nothing_is_charged(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, _data = self.pay(provider, 51)
                self.assertEqual(self.poll(provider, answer)["status"], "pending")
                with self.later(31):
                    final = self.poll(provider, answer)
                self.assertEqual(final["status"], "failed")
                self.assertIn("did not confirm in time", final["message"])
                transaction = self.transaction(answer)
                self.assertEqual(transaction.state, "reversed")
                self.assertEqual(self.sims[provider].trades[transaction.out_trade_no]["state"], "REVERSED")
                self.assertEqual(self.sims[provider].charged(), {})

    def test_52_insufficient_balance(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, _data = self.pay(provider, 52)
                self.assertEqual(answer["status"], "failed")
                self.assertIn("balance is not enough", answer["message"])
                self.assertEqual(self.transaction(answer).state, "failed")
                self.assertEqual(self.sims[provider].charged(), {})

    def test_53_system_error_but_charged_is_found_by_the_query(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, _data = self.pay(provider, 53)
                self.assertEqual(answer["status"], "pending", "a system error is no failure")
                self.assertEqual(self.transaction(answer).state, "unknown")
                self.assertEqual(self.poll(provider, answer)["status"], "done")
                self.assertCharged(provider, self.transaction(answer))

    def test_54_network_drop_after_charging(self):
        """The provider charged and the answer was lost: the poll finds the one charge; the
        till sending the same line again charges nothing more."""
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, data = self.pay(provider, 54)
                self.assertEqual(answer["status"], "pending")
                self.assertEqual(self.transaction(answer).state, "unknown")
                again = self.methods[provider].with_user(self.cashier_a).chain_cn_pay(dict(data))
                self.env.invalidate_all()
                self.assertEqual(again["transaction_id"], answer["transaction_id"], "the same line, the same payment")
                self.assertEqual(again["status"], "done")
                self.assertEqual(len(self.sims[provider].trades), 1)
                self.assertEqual(len(self.pays(provider)), 1, "sent once: the retry asked, it did not pay")
                self.assertCharged(provider, self.transaction(answer))

    def test_55_code_expired(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, _data = self.pay(provider, 55)
                self.assertEqual(answer["status"], "failed")
                self.assertIn("expired or was used", answer["message"])
                self.assertEqual(self.sims[provider].charged(), {})

    def test_56_system_error_not_charged(self):
        """Not charged: the poll's query says so; the number is closed before the line fails
        (a late arrival of the payment can never charge)."""
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, data = self.pay(provider, 56)
                self.assertEqual(answer["status"], "pending")
                final = self.poll(provider, answer)
                self.assertEqual(final["status"], "failed")
                transaction = self.transaction(answer)
                self.assertEqual(transaction.state, "failed")
                self.assertIn(self.sims[provider].trades[transaction.out_trade_no]["state"], ("REVERSED", "CLOSED"))
                self.assertEqual(self.sims[provider].charged(), {})
                # the cashier scans a new code on the same line: a new number, paid once
                retry = self.pay(provider, 8, order_uuid=data["order_uuid"], payment_uuid=data["payment_uuid"])[0]
                self.assertEqual(retry["status"], "done")
                self.assertNotEqual(retry["out_trade_no"], answer["out_trade_no"])
                self.assertEqual(list(self.sims[provider].charged()), [retry["out_trade_no"]])

    def test_duplicate_out_trade_no_on_retry(self):
        """The till sends a paid line again (its answer was lost): the provider is asked, the
        payment is the same, nothing is charged twice."""
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, data = self.pay(provider, 3)
                again = self.methods[provider].with_user(self.cashier_a).chain_cn_pay(dict(data))
                self.env.invalidate_all()
                self.assertEqual((again["status"], again["transaction_id"]), ("done", answer["transaction_id"]))
                self.assertEqual(len(self.pays(provider)), 1)
                self.assertEqual(len(self.sims[provider].charged()), 1)
                self.assertEqual(self.env["chain.pay.cn.transaction"].search_count(
                    [("payment_uuid", "=", data["payment_uuid"])]), 1)  # fmt: skip

    def test_six_x_user_paying_for_seconds(self):
        answer, _data = self.pay("wechatpay", 60)
        self.assertEqual(answer["status"], "pending")
        self.assertEqual(self.poll("wechatpay", answer)["status"], "done", "60: paid after 0 s")

    def test_cancel(self):
        """The cashier gives up: reversed while the customer still confirms; kept when she had
        paid meanwhile."""
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                answer, _data = self.pay(provider, 51)
                cancelled = self.call(provider, "chain_cn_cancel", answer["transaction_id"])
                self.assertEqual(cancelled["status"], "failed")
                self.assertEqual(self.transaction(answer).state, "reversed")
                self.assertEqual(self.sims[provider].charged(), {})
                paid, _data = self.pay(provider, 60)  # paid by the time the cashier cancels
                kept = self.call(provider, "chain_cn_cancel", paid["transaction_id"])
                self.assertEqual(kept["status"], "done")
                self.assertEqual(list(self.sims[provider].charged()), [paid["out_trade_no"]])

    def test_bad_code_is_refused_before_any_call(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                other = "alipay" if provider == "wechatpay" else "wechatpay"
                for code, words in (
                    ("123456", "not a WeChat Pay or Alipay payment code"),
                    ("1645678901234567890", "not a WeChat Pay or Alipay payment code"),
                    (self.codes[other].format(0), "choose the"),
                ):
                    answer, _data = self.pay(provider, code=code)
                    self.assertEqual(answer["status"], "failed")
                    self.assertIn(words, answer["message"])
                self.assertEqual(self.sims[provider].calls, [])
        self.assertFalse(self.env["chain.pay.cn.transaction"].search([]))

    def test_amount_above_the_order_is_refused(self):
        answer, _data = self.pay("wechatpay", 0, amount=130.0, due=120.0)
        self.assertEqual(answer["status"], "failed")
        self.assertIn("above what the order still owes", answer["message"])
        self.assertEqual(self.wechat.calls, [])
        answer, _data = self.pay("alipay", 0, amount=-5.0, due=120.0)
        self.assertEqual(answer["status"], "failed")
        self.assertEqual(self.alipay.calls, [])

    def test_tampered_answer_is_refused(self):
        """An answer whose signature does not verify is not believed: the payment is unknown,
        never done, and stays so while the answers are forged."""
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                self.sims[provider].tamper = True
                answer, _data = self.pay(provider, 1)
                self.assertEqual(answer["status"], "pending")
                transaction = self.transaction(answer)
                self.assertEqual((transaction.state, transaction.last_code), ("unknown", "BAD_RESPONSE"))
                self.assertEqual(self.poll(provider, answer)["status"], "pending")
                self.assertEqual(transaction.state, "unknown")
                self.sims[provider].tamper = False
                self.assertEqual(self.poll(provider, answer)["status"], "done", "the true answer settles it")

    def test_throttled_query_stays_pending(self):
        answer, _data = self.pay("wechatpay", 50)
        self.wechat.qps_limit = 1
        self.wechat.calls.clear()
        self.poll("wechatpay", answer)
        second = self.poll("wechatpay", answer)  # same second: frequency-limited
        self.assertEqual(second["status"], "pending")
        self.assertNotEqual(self.transaction(answer).state, "failed")

    def test_store_account_of_a_sub_merchant(self):
        """A store with its own sub-merchant (service-provider mode) charges through it; the
        other stores keep the company's account."""
        self.env["chain.pay.cn.account"].create(
            {
                "name": "WeChat Pay store A (sub-merchant)",
                "provider": "wechatpay",
                "store_id": self.store_a.id,
                "mode": "service_provider",
                "appid": self.wechat.appid,
                "mch_id": self.wechat.mch_id,
                "sub_mch_id": "1900000201",
                "api_key": self.wechat.api_key,
                "endpoint": self.wechat.url,
            }
        )
        answer_a, _data = self.pay("wechatpay", 0)
        answer_b, _data = self.pay("wechatpay", 0, session=self.session_b, user=self.cashier_b)
        self.assertEqual((answer_a["status"], answer_b["status"]), ("done", "done"))
        self.assertEqual(self.wechat.trades[answer_a["out_trade_no"]]["merchant"], "1900000201")
        self.assertEqual(self.wechat.trades[answer_b["out_trade_no"]]["merchant"], self.wechat.mch_id)
