"""Refunds from the till: full, partial, asked twice, above what is left."""

import uuid

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainPayCnCase

PROVIDERS = ("wechatpay", "alipay")


@tagged("post_install", "-at_install")
class TestRefund(ChainPayCnCase):
    def refund(self, provider, answer, amount, refund_uuid=None, user=None, session=None):
        return self.call(provider, "chain_cn_refund", answer["transaction_id"], user=user, session=session,
                         refund_uuid=refund_uuid or str(uuid.uuid4()), amount=amount)  # fmt: skip

    def test_full_refund(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                paid, _data = self.pay(provider, 1)
                answer = self.refund(provider, paid, 120.0)
                self.assertEqual(answer["status"], "done")
                transaction = self.transaction(paid)
                self.assertEqual(transaction.refund_ids.mapped("state"), ["done"])
                self.assertEqual(transaction.refunded_amount, 120.0)
                trade = self.sims[provider].trades[transaction.out_trade_no]
                self.assertEqual(trade["refunded_fen"], 12000)

    def test_partial_refunds_then_above_what_is_left(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                paid, _data = self.pay(provider, 2)
                self.assertEqual(self.refund(provider, paid, 20.0)["status"], "done")
                self.assertEqual(self.refund(provider, paid, 30.5)["status"], "done")
                above = self.refund(provider, paid, 70.0)
                self.assertEqual(above["status"], "failed")
                self.assertIn("above what is left to refund", above["message"])
                self.assertIn("69.50", above["message"])
                transaction = self.transaction(paid)
                self.assertEqual(transaction.refunded_amount, 50.5)
                self.assertEqual(self.sims[provider].trades[transaction.out_trade_no]["refunded_fen"], 5050)
                self.assertEqual(len(self.sims[provider].refunds), 2)

    def test_same_refund_twice_refunds_once(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                paid, _data = self.pay(provider, 3)
                refund_uuid = str(uuid.uuid4())
                first = self.refund(provider, paid, 40.0, refund_uuid)
                second = self.refund(provider, paid, 40.0, refund_uuid)
                self.assertEqual((first["status"], second["status"]), ("done", "done"))
                self.assertEqual(first["refund_id"], second["refund_id"])
                self.assertEqual(len(self.sims[provider].refunds), 1)
                self.assertEqual(self.transaction(paid).refunded_amount, 40.0)

    def test_refund_of_an_unpaid_payment_or_a_bad_amount(self):
        pending, _data = self.pay("wechatpay", 51)
        answer = self.refund("wechatpay", pending, 10.0)
        self.assertEqual(answer["status"], "failed")
        self.assertIn("nothing to refund", answer["message"])
        paid, _data = self.pay("wechatpay", 4)
        self.assertEqual(self.refund("wechatpay", paid, 0)["status"], "failed")
        self.assertEqual(self.refund("wechatpay", paid, -3)["status"], "failed")
        self.assertEqual(self.wechat.refunds, {})

    def test_refund_at_a_later_session_of_the_same_store(self):
        """A refund of an earlier order may come from a later session of the store's till,
        never from another store's."""
        paid, _data = self.pay("wechatpay", 5)
        with self.assertRaises(AccessError):
            self.refund("wechatpay", paid, 10.0, user=self.cashier_b, session=self.session_b)
        self.assertEqual(self.wechat.refunds, {})
