import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainPosMemberCase


@tagged("post_install", "-at_install")
class TestRpcAttacks(ChainPosMemberCase):
    """A cashier of store A, calling the till's member RPCs directly, spends no points without the
    member's proof, uses no proof twice, and reads nothing of store B's members but the masked card."""

    def test_other_store_till_refused(self):
        session_b = self.session_b.with_user(self.cashier_a)
        for call in (
            lambda: session_b.chain_member_lookup("13900001111"),
            lambda: session_b.chain_member_send_code(self.member_b.id),
            lambda: session_b.chain_member_verify_code(1, "123456", 10),
            lambda: session_b.chain_member_verify_qr(self.member_b._chain_qr_token(), 10),
            lambda: session_b.chain_member_enroll({"name": "X", "mobile": "13600000002", "consent": True}),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertFalse(self.sms.sent_to(self.member_b.mobile))

    def test_other_store_member_details_hidden(self):
        if "chain.member.baby" in self.env:
            self.env["chain.member.baby"].create(
                {"member_id": self.member_b.id, "name": "Xiaobao", "birth_date": "2025-10-01"}
            )
        session = self.session_a.with_user(self.cashier_a)
        [found] = session.chain_member_lookup("139 0000 1111")
        text = json.dumps(found, ensure_ascii=False, default=str)
        for secret in ("李娜", "13900001111", "Xiaobao"):
            self.assertNotIn(secret, text)
        self.assertEqual((found["full"], found["followups"]), (False, []))
        self.assertEqual(session.chain_member_lookup("李娜"), [], "no search by name")
        self.assertEqual(session.chain_member_lookup("1390000"), [], "no search by part of a number")
        # the records behind the RPCs stay closed to store A
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.cashier_a).read(["name", "mobile"])
        as_a = self.env(user=self.cashier_a)
        self.assertFalse(as_a["chain.member.points.line"].search([("member_id", "=", self.member_b.id)]))
        with self.assertRaises(AccessError):
            as_a["chain.member.proof"].search([])
        # enrolling B's mobile again at A's till gives B's member, masked: no second member, no details
        answer = session.chain_member_enroll({"name": "Someone", "mobile": "13900001111", "consent": True})
        self.assertEqual((answer["created"], answer["member"]["mobile"]), (False, "139****1111"))
        self.assertEqual(answer["member"]["name"], "李*")

    def test_no_points_without_proof(self):
        cases = {
            "no token": self.order_vals(partner=self.member_b.partner_id, redeem=(300, False)),
            "forged token": self.order_vals(partner=self.member_b.partner_id, redeem=(300, "7." + "f" * 64)),
        }
        # the points line alone, as a cashier types it, with nothing declared
        bare = self.order_vals(partner=self.member_b.partner_id, redeem=(300, False))
        bare.update(chain_redeem_points=0)
        cases["no points declared"] = bare
        for name, vals in cases.items():
            with self.subTest(name), self.assertRaisesRegex(UserError, "proof"):
                self.sync(vals)
        # a challenge sent from store B's till cannot be answered at store A's, even with the right code
        sent = self.send_code(self.member_b, session=self.session_b, user=self.cashier_b)
        code = self.sms.last_code(self.member_b.mobile)
        self.assertTrue(code)
        answer = self.session_a.with_user(self.cashier_a).chain_member_verify_code(sent["challenge_id"], code, 100)
        self.assertIn("No code was sent", answer["error"])
        # the challenge's row cannot be written by the cashier to forge a grant
        challenge = self.env["chain.member.proof"].browse(sent["challenge_id"])
        with self.assertRaises(AccessError):
            challenge.with_user(self.cashier_a).write({"verified_at": "2026-01-01 00:00:00", "points": 500})
        self.assertFalse(challenge.verified_at)
        self.assertEqual(self.member_b.points_balance, 500)

    def test_discount_above_the_order_refused(self):
        """The proof of 300 points (3 CNY) does not pay an order of 1 CNY and hand back the rest in cash."""
        grant = self.prove(self.member_a, 300)
        vals = self.order_vals(partner=self.member_a.partner_id, redeem=(300, grant["token"]))
        item = vals["lines"][0][2]
        item.update(price_unit=1.0, price_subtotal=1.0, price_subtotal_incl=1.0)
        vals.update(amount_total=-2.0, amount_paid=-2.0)
        vals["payment_ids"][0][2]["amount"] = -2.0
        with self.assertRaisesRegex(UserError, "more than the order"):
            self.sync(vals)
        self.assertEqual(self.member_a.points_balance, 1000)

    def test_token_used_once_even_in_one_sync(self):
        grant = self.prove(self.member_a, 200)
        first = self.order_vals(partner=self.member_a.partner_id, redeem=(200, grant["token"]))
        second = self.order_vals(partner=self.member_a.partner_id, redeem=(200, grant["token"]))
        with self.assertRaisesRegex(UserError, "already used"), self.env.cr.savepoint():
            self.env["pos.order"].with_user(self.cashier_a).sync_from_ui([dict(first), dict(second)])
        self.assertEqual(self.member_a.points_balance, 1000, "the whole sync is refused: nothing half-written")
        self.env.invalidate_all()
        order = self.sync(first)
        self.assertEqual(order.chain_redeem_points, 200)
        with self.assertRaisesRegex(UserError, "already used"):
            self.sync(dict(second))
        self.assertEqual(self.member_a.points_balance, 1000 - 200 + 98)

    def test_redemption_fields_not_writable(self):
        order = self.sync(self.order_vals(partner=self.member_a.partner_id))
        for vals in ({"chain_redeem_points": 1000}, {"chain_redeem_token": "1." + "0" * 64}):
            with self.assertRaises(AccessError):
                order.with_user(self.cashier_a).write(vals)
        with self.assertRaises(AccessError):
            self.member_a.with_user(self.cashier_a).write({"pos_enrol_uuid": "forged"})


@tagged("post_install", "-at_install")
class TestRpcAttacksOverHttp(HttpCase, ChainPosMemberCase):
    """The same, as a cashier's web session sends them (``/web/dataset/call_kw``)."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _call_fails(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught, self.assertLogs("odoo.http", "WARNING"):
            self._call(model, method, *args, **kwargs)
        return str(caught.exception)

    def test_cashier_over_rpc(self):
        self.authenticate("t_cashier_a", "t_cashier_a")
        # another store's till
        self._call_fails("pos.session", "chain_member_lookup", self.session_b.ids, "13900001111")
        # the server's own steps are not callable
        proof_model = "chain.member.proof"
        self._call_fails(proof_model, "_chain_use_token", "1." + "0" * 64, self.member_a.id, 100)
        self._call_fails(proof_model, "_chain_grant", 100)
        self._call_fails(proof_model, "search_read", [], ["code_hash", "points"])
        self._call_fails("chain.member", "_chain_qr_token", self.member_b.ids)
        self._call_fails("chain.member", "_chain_qr_page_key", self.member_b.ids)
        # the member's card is the ledger's mirror
        card = self.card(self.member_a)
        self._call_fails("loyalty.card", "write", card.ids, {"points": 99999})
        # what the lookup gives about store B's member is masked
        [found] = self._call("pos.session", "chain_member_lookup", self.session_a.ids, "13900001111")
        self.assertEqual((found["name"], found["mobile"], found["full"]), ("李*", "139****1111", False))
        self.assertEqual((self.member_a.points_balance, self.member_b.points_balance), (1000, 500))
        self.assertEqual(card.points, 1000)
