import contextlib
import uuid
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user

from odoo.addons.chain_store.tests.common import ChainStoreCase

from ..lib.alipay_simulator import AlipaySimulator
from ..lib.wechatpay_simulator import WechatPaySimulator

# payment codes by scenario (their last two digits)
WECHAT = "1345678901234567{:02d}"  # 18 digits, starting 13
ALIPAY = "28123456789012345{:02d}"  # 19 digits, starting 28


class ChainPayCnCase(HttpCase, ChainStoreCase):
    """Store A's till takes WeChat Pay and Alipay payment codes, store B's WeChat Pay; both
    through the company's accounts on two local simulators (real HTTP servers).

    HttpCase (no browser): Odoo's test mode makes the cursors of their own that the payment
    flow commits in share the test's transaction.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wechat = WechatPaySimulator(port=0).start()
        cls.addClassCleanup(cls.wechat.stop)
        cls.alipay = AlipaySimulator(port=0).start()
        cls.addClassCleanup(cls.alipay.stop)
        Account = cls.env["chain.pay.cn.account"]
        cls.wechat_account = Account.create(
            {
                "name": "WeChat Pay (simulator)",
                "provider": "wechatpay",
                "appid": cls.wechat.appid,
                "mch_id": cls.wechat.mch_id,
                "api_key": cls.wechat.api_key,
                "endpoint": cls.wechat.url,
            }
        )
        cls.alipay_account = Account.create(
            {
                "name": "Alipay (simulator)",
                "provider": "alipay",
                "alipay_app_id": cls.alipay.app_id,
                "alipay_private_key": cls.alipay.app_private_key_pem,
                "alipay_public_key": cls.alipay.alipay_public_key_pem,
                "endpoint": cls.alipay.gateway,
            }
        )
        groups = "point_of_sale.group_pos_user,chain_store.group_chain_store_user"
        cls.cashier_a = new_test_user(
            cls.env,
            login="t_pay_cashier_a",
            groups=groups,
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )
        cls.cashier_b = new_test_user(
            cls.env,
            login="t_pay_cashier_b",
            groups=groups,
            chain_store_ids=[Command.set(cls.store_b.ids)],
            chain_store_id=cls.store_b.id,
        )
        cls.item = cls.env["product.product"].create(
            {
                "name": "Baby Bottle (pay test)",
                "available_in_pos": True,
                "lst_price": 120.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.config_a = cls._pos_config(cls.store_a)
        cls.config_b = cls._pos_config(cls.store_b)
        bank = cls.config_a.payment_method_ids.filtered(lambda m: m.journal_id.type == "bank")[:1]
        Method = cls.env["pos.payment.method"]
        cls.wechat_method = Method.create(
            {"name": "WeChat Pay", "journal_id": bank.journal_id.id, "use_payment_terminal": "chain_wechatpay"}
        )
        cls.alipay_method = Method.create(
            {"name": "Alipay", "journal_id": bank.journal_id.id, "use_payment_terminal": "chain_alipay"}
        )
        cls.config_a.payment_method_ids = [Command.link(cls.wechat_method.id), Command.link(cls.alipay_method.id)]
        cls.config_b.payment_method_ids = [Command.link(cls.wechat_method.id)]
        for config in (cls.config_a, cls.config_b):
            config.open_ui()
        cls.session_a = cls.config_a.current_session_id
        cls.session_b = cls.config_b.current_session_id
        cls.methods = {"wechatpay": cls.wechat_method, "alipay": cls.alipay_method}
        cls.sims = {"wechatpay": cls.wechat, "alipay": cls.alipay}
        cls.codes = {"wechatpay": WECHAT, "alipay": ALIPAY}

    def setUp(self):
        super().setUp()
        self.wechat.reset()
        self.alipay.reset()

    # -- the till's calls ------------------------------------------------------------
    def pay(self, provider, scenario=0, amount=120.0, due=None, user=None, session=None, order_uuid=None,
            payment_uuid=None, code=None):  # fmt: skip
        """``(answer, data)`` of the till's ``chain_cn_pay`` (a new line unless uuids given)."""
        session = session or self.session_a
        data = {
            "pos_session_id": session.id,
            "order_uuid": order_uuid or str(uuid.uuid4()),
            "payment_uuid": payment_uuid or str(uuid.uuid4()),
            "amount": amount,
            "order_amount_due": amount if due is None else due,
            "auth_code": code if code is not None else self.codes[provider].format(scenario),
        }
        method = self.methods[provider].with_user(user or self.cashier_a)
        answer = method.chain_cn_pay(dict(data))
        self.env.invalidate_all()  # the flow wrote in cursors of its own
        return answer, data

    def call(self, provider, name, transaction_id, user=None, session=None, **extra):
        method = self.methods[provider].with_user(user or self.cashier_a)
        data = {"pos_session_id": (session or self.session_a).id, "transaction_id": transaction_id, **extra}
        answer = getattr(method, name)(data)
        self.env.invalidate_all()
        return answer

    def poll(self, provider, answer, **kw):
        return self.call(provider, "chain_cn_poll", answer["transaction_id"], **kw)

    def transaction(self, answer):
        return self.env["chain.pay.cn.transaction"].browse(answer["transaction_id"])

    @contextlib.contextmanager
    def later(self, seconds):
        """Run ``seconds`` from now (the customer's time runs out)."""
        with freeze_time(fields.Datetime.now() + timedelta(seconds=seconds)):
            yield

    # -- orders as the till syncs them -------------------------------------------------
    def order_vals(self, payments, order_uuid=None, session=None, amount=120.0):
        """A paid order of one bottle at ``amount``, paid by ``payments`` [(method, amount, uuid, transaction id)]."""
        session = session or self.session_a
        now = fields.Datetime.to_string(fields.Datetime.now())
        return {
            "uuid": order_uuid or str(uuid.uuid4()),
            "name": f"Order {uuid.uuid4()}",
            "session_id": session.id,
            "sequence_number": 1,
            "user_id": self.cashier_a.id,
            "pricelist_id": session.config_id.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": False,
            "to_invoice": False,
            "date_order": now,
            "last_order_preparation_change": "{}",
            "state": "paid",
            "amount_total": amount,
            "amount_tax": 0.0,
            "amount_paid": sum(p[1] for p in payments),
            "amount_return": 0.0,
            "access_token": str(uuid.uuid4()),
            "lines": [
                (0, 0, {
                    "uuid": str(uuid.uuid4()), "product_id": self.item.id, "qty": amount / 120.0,
                    "price_unit": 120.0, "price_subtotal": amount, "price_subtotal_incl": amount,
                    "tax_ids": [(6, 0, [])], "discount": 0, "pack_lot_ids": [],
                })
            ],
            "payment_ids": [
                (0, 0, {
                    "uuid": payment_uuid, "amount": pay_amount, "name": now, "payment_method_id": method.id,
                    "chain_cn_transaction_id": transaction_id or False,
                })
                for method, pay_amount, payment_uuid, transaction_id in payments
            ],
        }  # fmt: skip

    def sync(self, *orders, user=None):
        PosOrder = self.env["pos.order"].with_user(user or self.cashier_a)
        PosOrder.sync_from_ui([dict(order) for order in orders])
        return self.env["pos.order"].search([("uuid", "in", [order["uuid"] for order in orders])])
