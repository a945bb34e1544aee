import contextlib
import threading
import uuid

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.chain_member.tests.common import ChainMemberCase

from ..lib.sms_simulator import SmsSimulator


class ChainPosMemberCase(ChainMemberCase):
    """Store A's till (``cashier_a``) and store B's (``cashier_b``), both open; the members of
    chain_member's fixture (Wang of store A, 王小红 +8613812345678; Li of store B, 李娜
    +8613900001111); 100 points = 1 CNY; an SMS gateway simulator behind Odoo's SMS layer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sms = SmsSimulator().start()
        cls.addClassCleanup(cls.sms.stop)
        cls.env["ir.config_parameter"].sudo().set_param("sms.endpoint", cls.sms.url)
        service = cls.env["iap.service"].search([("technical_name", "=", "sms")], limit=1)
        cls.env["iap.account"].sudo().create({"service_id": service.id, "account_token": "chain-test-token"})
        company = cls.env.company
        company.chain_pos_points_per_unit = 100
        cls.redeem_product = company.chain_pos_redeem_product_id
        cls.item = cls.env["product.product"].create(
            {"name": "Diapers M (test)", "available_in_pos": True, "lst_price": 100.0, "taxes_id": [Command.clear()]}
        )
        groups = "point_of_sale.group_pos_user,chain_store.group_chain_store_user"
        cls.cashier_a = new_test_user(
            cls.env,
            login="t_cashier_a",
            groups=groups,
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )
        cls.cashier_b = new_test_user(
            cls.env,
            login="t_cashier_b",
            groups=groups,
            chain_store_ids=[Command.set(cls.store_b.ids)],
            chain_store_id=cls.store_b.id,
        )
        cls.config_b = cls._pos_config(cls.store_b)
        for config in (cls.config_a, cls.config_b):
            config.open_ui()
        cls.session_a = cls.config_a.current_session_id
        cls.session_b = cls.config_b.current_session_id
        cls._award(cls, cls.member_a, 1000)
        cls._award(cls, cls.member_b, 500)

    def setUp(self):
        super().setUp()
        self.sms.clear()

    # -- SMS -------------------------------------------------------------------------
    @staticmethod
    @contextlib.contextmanager
    def sms_reachable():
        """Let Odoo's IAP client reach the local simulator from the test's own thread.

        ``iap_jsonrpc`` refuses any call from a thread flagged as running tests;
        requests served over HTTP (the tour, the RPC tests) are not flagged.
        """
        thread = threading.current_thread()
        flag = getattr(thread, "testing", False)
        thread.testing = False
        try:
            yield
        finally:
            thread.testing = flag

    @contextlib.contextmanager
    def at(self, when):
        """Run at ``when``: the Python clock and the transaction's clock (``cr.now()``)."""
        cr = self.env.cr
        old = cr._now
        with freeze_time(when):
            cr._now = when
            try:
                yield
            finally:
                cr._now = old

    def send_code(self, member, session=None, user=None):
        session = (session or self.session_a).with_user(user or self.cashier_a)
        with self.sms_reachable():
            return session.chain_member_send_code(member.id)

    def prove(self, member, points, session=None, user=None):
        """A redemption token for ``points`` of ``member``, by SMS code, as the till gets it."""
        session = session or self.session_a
        user = user or self.cashier_a
        sent = self.send_code(member, session, user)
        self.assertIn("challenge_id", sent, sent)
        code = self.sms.last_code(member.mobile)
        return session.with_user(user).chain_member_verify_code(sent["challenge_id"], code, points)

    # -- orders ----------------------------------------------------------------------
    def order_vals(self, session=None, partner=None, item_qty=1, redeem=None, enrol=None):
        """An order as the till syncs it: ``item_qty`` x 100 CNY, and a points line when ``redeem``
        is ``(points, token)``."""
        session = session or self.session_a
        lines = [self._line(self.item, item_qty, self.item.lst_price)]
        vals = {}
        if redeem:
            points, token = redeem
            lines.append(self._line(self.redeem_product, 1, -points / 100))
            vals = {"chain_redeem_points": points, "chain_redeem_token": token}
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        now = fields.Datetime.to_string(fields.Datetime.now())
        methods = session.payment_method_ids
        cash = methods.filtered("is_cash_count")[:1] or methods[:1]
        order_uuid = str(uuid.uuid4())
        return {
            "uuid": order_uuid,
            "name": f"Order {order_uuid}",
            "session_id": session.id,
            "sequence_number": 1,
            "user_id": session.user_id.id,
            "pricelist_id": session.config_id.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": partner.id if partner else False,
            "to_invoice": False,
            "date_order": now,
            "last_order_preparation_change": "{}",
            "state": "paid",
            "amount_total": total,
            "amount_tax": 0.0,
            "amount_paid": total,
            "amount_return": 0.0,
            "lines": lines,
            "access_token": str(uuid.uuid4()),
            "payment_ids": [
                (0, 0, {"uuid": str(uuid.uuid4()), "amount": total, "name": now, "payment_method_id": cash.id})
            ],
            "chain_member_enrol": enrol or False,
            **vals,
        }

    @staticmethod
    def _line(product, qty, price):
        return (
            0,
            0,
            {
                "uuid": str(uuid.uuid4()),
                "product_id": product.id,
                "qty": qty,
                "price_unit": price,
                "price_subtotal": price * qty,
                "price_subtotal_incl": price * qty,
                "tax_ids": [(6, 0, [])],
                "discount": 0,
                "pack_lot_ids": [],
            },
        )

    def sync(self, vals, user=None):
        """Sync one order as the cashier; the synced ``pos.order``."""
        self.env["pos.order"].with_user(user or self.cashier_a).sync_from_ui([dict(vals)])
        return self.env["pos.order"].search([("uuid", "=", vals["uuid"])])

    def card(self, member):
        return self.env["loyalty.card"].search(
            [("program_id.chain_member_points", "=", True), ("partner_id", "=", member.partner_id.id)]
        )
