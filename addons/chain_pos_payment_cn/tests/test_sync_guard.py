"""The server-side guard at order sync: a WeChat Pay / Alipay line needs its settled payment."""

import uuid

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ChainPayCnCase


@tagged("post_install", "-at_install")
class TestSyncGuard(ChainPayCnCase):
    def test_forged_wechat_line_is_refused(self):
        forged = self.order_vals([(self.wechat_method, 120.0, str(uuid.uuid4()), False)])
        with (
            self.assertRaisesRegex(ValidationError, "has no completed WeChat Pay payment behind it"),
            self.env.cr.savepoint(),
        ):
            self.sync(forged)
        self.assertFalse(self.env["pos.order"].search([("uuid", "=", forged["uuid"])]))

    def test_paid_line_syncs_and_is_linked(self):
        order_uuid = str(uuid.uuid4())
        answer, data = self.pay("wechatpay", 0, order_uuid=order_uuid)
        # the till names the transaction, or only its line's uuid: both are found
        order = self.sync(self.order_vals([(self.wechat_method, 120.0, data["payment_uuid"], False)], order_uuid))
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.payment_ids.chain_cn_transaction_id, self.transaction(answer))
        self.assertEqual(self.transaction(answer).pos_payment_ids, order.payment_ids)

    def test_a_payment_pays_one_line_only(self):
        order_uuid = str(uuid.uuid4())
        answer, data = self.pay("alipay", 0, order_uuid=order_uuid)
        self.sync(
            self.order_vals([(self.alipay_method, 120.0, data["payment_uuid"], answer["transaction_id"])], order_uuid)
        )
        # another order (or another line) naming the same payment
        other = self.order_vals([(self.alipay_method, 120.0, str(uuid.uuid4()), answer["transaction_id"])])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.sync(other)

    def test_amount_or_state_must_match(self):
        order_uuid = str(uuid.uuid4())
        answer, data = self.pay("wechatpay", 0, amount=100.0, due=120.0, order_uuid=order_uuid)
        bigger = self.order_vals(
            [(self.wechat_method, 120.0, data["payment_uuid"], answer["transaction_id"])], order_uuid
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.sync(bigger)
        pending, data = self.pay("wechatpay", 51, order_uuid=order_uuid)
        unsettled = self.order_vals(
            [(self.wechat_method, 120.0, data["payment_uuid"], pending["transaction_id"])], order_uuid
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.sync(unsettled)

    def test_refund_line_needs_its_refund(self):
        order_uuid = str(uuid.uuid4())
        answer, data = self.pay("wechatpay", 0, order_uuid=order_uuid)
        self.sync(
            self.order_vals([(self.wechat_method, 120.0, data["payment_uuid"], answer["transaction_id"])], order_uuid)
        )
        line_uuid = str(uuid.uuid4())
        forged = self.order_vals([(self.wechat_method, -120.0, line_uuid, answer["transaction_id"])], amount=-120.0)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.sync(forged)
        done = self.call("wechatpay", "chain_cn_refund", answer["transaction_id"], refund_uuid=line_uuid, amount=120.0)
        self.assertEqual(done["status"], "done")
        refund_order = self.sync(forged)
        self.assertEqual(refund_order.state, "paid")
        self.assertEqual(refund_order.payment_ids.chain_cn_refund_ids, self.transaction(answer).refund_ids)
