from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChainPosMemberCase


@tagged("post_install", "-at_install")
class TestRedemption(ChainPosMemberCase):
    """Points are spent at the till only with the member present (odoo/odoo#207624)."""

    def test_sms_code_redeems_points_first_in_first_out(self):
        old = self._award(self.member_a, 300, date=fields.Date.today() - timedelta(days=400))
        sent = self.send_code(self.member_a)
        self.assertEqual(sent["mobile"], "138****5678")
        [message] = self.sms.sent_to("+8613812345678")
        self.assertIn("valid 5 minutes", message["content"])
        code = self.sms.last_code("+8613812345678")
        grant = self.session_a.with_user(self.cashier_a).chain_member_verify_code(sent["challenge_id"], code, 500)
        self.assertEqual((grant["points"], grant["amount"]), (500, 5.0))
        order = self.sync(self.order_vals(partner=self.member_a.partner_id, redeem=(500, grant["token"])))
        self.assertEqual(order.state, "paid")
        proof = self.env["chain.member.proof"].search([("used_order_id", "=", order.id)])
        self.assertEqual((proof.kind, proof.points, proof.member_id), ("sms", 500, self.member_a))
        redeem = self.env["chain.member.points.line"].search(
            [("member_id", "=", self.member_a.id), ("kind", "=", "redeem")]
        )
        self.assertEqual((redeem.points, redeem.reason), (-500, f"Redeemed at the till: {order.pos_reference}"))
        self.assertEqual(old.remaining, 0, "the award that expires first is spent first")
        self.assertEqual(order.chain_points_earned, 95, "points earned on the 95 CNY paid")
        self.assertEqual(self.member_a.points_balance, 1300 - 500 + 95)
        self.assertEqual(self.card(self.member_a).points, self.member_a.points_balance)
        self.assertLedgerBalanced(self.member_a)

    def test_code_is_never_stored_nor_kept_in_sms_queue(self):
        sent = self.send_code(self.member_a)
        code = self.sms.last_code("+8613812345678")
        challenge = self.env["chain.member.proof"].browse(sent["challenge_id"])
        self.assertNotIn(code, challenge.code_hash)
        self.assertEqual(len(challenge.code_hash), 64)
        self.assertFalse(self.env["sms.sms"].sudo().search([("body", "like", code)]), "no SMS row keeps the code")

    def test_wrong_codes_lock_the_member_out(self):
        sent = self.send_code(self.member_a)
        code = self.sms.last_code("+8613812345678")
        wrong = "000000" if code != "000000" else "111111"
        session = self.session_a.with_user(self.cashier_a)
        answers = [session.chain_member_verify_code(sent["challenge_id"], wrong, 100)["error"] for _i in range(5)]
        self.assertIn("4 tries left", answers[0])
        self.assertIn("locked until", answers[-1])
        # even the right code is refused now, and no new code is sent
        self.assertIn("locked", session.chain_member_verify_code(sent["challenge_id"], code, 100)["error"])
        self.assertIn("locked", self.send_code(self.member_a)["error"])
        # after the lockout, a new code works
        with self.at(fields.Datetime.now() + timedelta(minutes=31)):
            grant = self.prove(self.member_a, 100)
        self.assertIn("token", grant)

    def test_code_expires_after_five_minutes_and_sends_are_rate_limited(self):
        sent = self.send_code(self.member_a)
        code = self.sms.last_code("+8613812345678")
        self.assertIn("wait until", self.send_code(self.member_a)["error"], "one code a minute")
        with self.at(fields.Datetime.now() + timedelta(minutes=6)):
            answer = self.session_a.with_user(self.cashier_a).chain_member_verify_code(sent["challenge_id"], code, 10)
        self.assertIn("expired", answer["error"])

    def test_code_is_single_use(self):
        sent = self.send_code(self.member_a)
        code = self.sms.last_code("+8613812345678")
        session = self.session_a.with_user(self.cashier_a)
        self.assertIn("token", session.chain_member_verify_code(sent["challenge_id"], code, 10))
        self.assertIn("already used", session.chain_member_verify_code(sent["challenge_id"], code, 900)["error"])

    def test_token_replayed_refused(self):
        grant = self.prove(self.member_a, 200)
        self.sync(self.order_vals(partner=self.member_a.partner_id, redeem=(200, grant["token"])))
        with self.assertRaisesRegex(UserError, "already used"):
            self.sync(self.order_vals(partner=self.member_a.partner_id, redeem=(200, grant["token"])))
        self.assertEqual(self.member_a.points_balance, 1000 - 200 + 98)

    def test_token_bound_to_member_points_and_session(self):
        grant = self.prove(self.member_a, 200)
        for vals in (
            self.order_vals(partner=self.member_b.partner_id, redeem=(200, grant["token"])),  # member B
            self.order_vals(partner=self.member_a.partner_id, redeem=(300, grant["token"])),  # more points
        ):
            with self.assertRaisesRegex(UserError, "no valid proof"):
                self.sync(vals)
        with self.assertRaisesRegex(UserError, "no valid proof"):
            self.sync(
                self.order_vals(session=self.session_b, partner=self.member_a.partner_id, redeem=(200, grant["token"])),
                user=self.cashier_b,
            )
        self.assertEqual((self.member_a.points_balance, self.member_b.points_balance), (1000, 500))

    def test_redemption_without_proof_refused(self):
        forged = "1." + "0" * 64
        for redeem in ((100, False), (100, forged)):
            with self.assertRaisesRegex(UserError, "proof"):
                self.sync(self.order_vals(partner=self.member_a.partner_id, redeem=redeem))
        # a discount line of the redemption product with no points declared
        vals = self.order_vals(partner=self.member_a.partner_id, redeem=(100, forged))
        vals.update(chain_redeem_points=0, chain_redeem_token=False)
        with self.assertRaisesRegex(UserError, "proof"):
            self.sync(vals)
        # the line must be worth the points proven
        grant = self.prove(self.member_a, 100)
        vals = self.order_vals(partner=self.member_a.partner_id, redeem=(100, grant["token"]))
        vals["lines"][1][2].update(price_unit=-50.0, price_subtotal=-50.0, price_subtotal_incl=-50.0)
        vals.update(amount_total=50.0, amount_paid=50.0)
        vals["payment_ids"][0][2]["amount"] = 50.0
        with self.assertRaisesRegex(UserError, "does not match"):
            self.sync(vals)
        self.assertEqual(self.member_a.points_balance, 1000)

    def test_member_of_another_store_redeems_with_qr(self):
        """Li (store B) walks into store A and shows her QR code."""
        qr = self.member_b._chain_qr_token()
        session = self.session_a.with_user(self.cashier_a)
        [found] = session.chain_member_lookup(qr)
        self.assertEqual((found["id"], found["full"], found["qr"]), (self.member_b.id, False, True))
        self.assertEqual(found["mobile"], "139****1111")
        grant = session.chain_member_verify_qr(qr, 300)
        order = self.sync(self.order_vals(partner=self.member_b.partner_id, redeem=(300, grant["token"])))
        self.assertEqual(order.chain_redeem_points, 300)
        self.assertEqual(self.member_b.points_balance, 500 - 300 + 97)
        self.assertIn("already used", session.chain_member_verify_qr(qr, 100)["error"], "a QR code serves once")

    def test_stale_or_forged_qr_refused(self):
        session = self.session_a.with_user(self.cashier_a)
        stale = self.member_a._chain_qr_token(timestamp=fields.Datetime.now().timestamp() - 600)
        self.assertIn("expired", session.chain_member_verify_qr(stale, 10)["error"])
        forged = self.member_a._chain_qr_token().replace(f"CM1.{self.member_a.id}.", f"CM1.{self.member_b.id}.")
        self.assertIn("not valid", session.chain_member_verify_qr(forged, 10)["error"])
        self.assertEqual(session.chain_member_lookup(forged), [])

    def test_short_balance_refused_before_any_token(self):
        answer = self.prove(self.member_b, 501)
        self.assertIn("has 500 points", answer["error"])

    def test_merge_refused_while_both_have_open_proofs(self):
        self.send_code(self.member_a)
        self.member_a._chain_merge_check(self.member_b)  # only one side has a redemption in progress
        self.member_b._chain_qr_token()
        self.session_a.with_user(self.cashier_a).chain_member_verify_qr(self.member_b._chain_qr_token(), 10)
        with self.assertRaisesRegex(UserError, "redemption in progress"):
            self.member_a._chain_merge_check(self.member_b)
