from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_wallet import ChainWalletCase


@tagged("post_install", "-at_install")
class TestWallet(ChainWalletCase):
    def test_setup_accounts_and_program(self):
        """The company has its three customer-deposit liabilities, a bonus account and one eWallet program."""
        for kind in ("wallet_topup", "deposit", "service_card"):
            account = self.company._chain_prepaid_account(kind)
            self.assertEqual(account.account_type, "liability_current")
        domain = [("chain_wallet", "=", True), ("company_id", "=", self.company.id)]
        program = self.env["loyalty.program"].search(domain)
        self.assertEqual(len(program), 1)
        self.assertEqual(program.program_type, "ewallet")
        self.assertFalse(program.pos_ok)
        self.assertIn(self.topup, program.trigger_product_ids)
        self.assertEqual(self.topup.property_account_income_id, self.wallet_account)
        self.assertEqual(self.pay_product.with_company(self.company).property_account_income_id, self.wallet_account)
        self.assertEqual(self.bonus_product.with_company(self.company).property_account_income_id, self.bonus_account)

    def test_topup_with_bonus(self):
        """Top up 1,000 at the till: 1,000 of principal and the rule's 100 of bonus; her card shows 1,100."""
        order = self.top_up(self.member_a)
        self.assertEqual(order.state, "paid")
        self.assertWallet(self.member_a, 1000.0, 100.0)
        kinds = self.ledger(self.member_a).mapped("kind")
        self.assertCountEqual(kinds, ["topup", "bonus"])
        self.assertEqual(self.ledger(self.member_a).store_id, self.store_a)

    def test_pay_pro_rata(self):
        """Pay 110 of 1,100 (1,000 + 100): 100 of principal and 10 of bonus."""
        self.top_up(self.member_a)
        grant = self.prove_wallet(self.member_a, 110.0)
        self.assertEqual((grant["principal"], grant["bonus"]), (100.0, 10.0))
        order = self.sync(self.pay_vals(self.member_a, grant, item_qty=2))
        self.assertEqual(order.state, "paid")
        self.assertWallet(self.member_a, 900.0, 90.0)

    def test_pay_bonus_last(self):
        self.company.chain_wallet_bonus_use = "last"
        self.top_up(self.member_a)
        grant = self.prove_wallet(self.member_a, 100.0)
        self.assertEqual((grant["principal"], grant["bonus"]), (100.0, 0.0))
        self.sync(self.pay_vals(self.member_a, grant))
        self.assertWallet(self.member_a, 900.0, 100.0)

    def test_proof_required(self):
        """Stored value lines without a token, with a forged one, or with one of another amount are refused."""
        self.top_up(self.member_a)
        grant = self.prove_wallet_qr(self.member_a, 100.0)
        forged = dict(grant, token=None)
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_a, forged, principal=90.91, bonus=9.09))
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_a, dict(grant, token="1." + "0" * 64)))
        bigger = dict(grant, amount=200.0)
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_a, bigger, item_qty=2, principal=181.82, bonus=18.18))
        # the token is the member's: another member's order cannot use it
        self.top_up(self.member_b, session=self.session_b, user=self.cashier_b)
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_b, grant))
        self.assertWallet(self.member_a, 1000.0, 100.0)
        # once, with the real token
        order = self.sync(self.pay_vals(self.member_a, grant))
        self.assertEqual(order.state, "paid")
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_a, grant))
        self.assertWallet(self.member_a, 909.09, 90.91)

    def test_split_must_match(self):
        """Lines claiming less bonus than the rule splits (to keep bonus) are refused."""
        self.top_up(self.member_a)
        grant = self.prove_wallet(self.member_a, 110.0)
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_a, grant, item_qty=2, principal=110.0, bonus=0.0))

    def test_topup_with_stored_value_refused(self):
        """A top-up paid with stored value (odoo/odoo#273419) is refused on the server."""
        self.top_up(self.member_a)
        grant = self.prove_wallet(self.member_a, 100.0)
        vals = self.pay_vals(self.member_a, grant, item_qty=0, extra_lines=[self._line(self.topup, 1, 1000.0)])
        with self.assertRaises(UserError):
            self.sync(vals)
        self.assertWallet(self.member_a, 1000.0, 100.0)

    def test_not_more_than_balance_or_order(self):
        self.top_up(self.member_a)
        verify = self.session_a.with_user(self.cashier_a)
        with self.sms_reachable():
            sent = verify.chain_wallet_send_code(self.member_a.id, 2000.0)
        answer = verify.chain_wallet_verify_code(sent["challenge_id"], self.sms.last_code(self.member_a.mobile), 2000.0)
        self.assertIn("error", answer)
        grant = self.prove_wallet_qr(self.member_a, 200.0)
        with self.assertRaises(UserError):  # an order of 100 paid 200 with stored value
            self.sync(self.pay_vals(self.member_a, grant))

    def test_topup_needs_member(self):
        with self.assertRaises(UserError):
            self.sync(self.topup_vals(None))
        with self.assertRaises(UserError):
            self.sync(self.topup_vals(self.member_a, qty=-1))

    def test_refund_principal_only(self):
        """The store manager pays back 500 of 1,000: the bonus's share (50) is forfeited; the rest later."""
        self.top_up(self.member_a)
        journal = self.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", self.company.id)], limit=1
        )
        member = self.member_a.with_user(self.manager_a)
        line = member.action_chain_wallet_refund(500.0, journal, self.store_a, "moving abroad")
        self.assertEqual((line.kind, line.principal, line.bonus), ("refund", -500.0, -50.0))
        self.assertTrue(line.move_id)
        self.assertEqual(line.move_id.state, "posted")
        debit = line.move_id.line_ids.filtered(lambda aml: aml.account_id == self.wallet_account)
        self.assertEqual(debit.debit, 500.0)
        self.assertWallet(self.member_a, 500.0, 50.0)
        with self.assertRaises(UserError):  # more than the principal
            member.action_chain_wallet_refund(500.01, journal, self.store_a)
        member.action_chain_wallet_refund(500.0, journal, self.store_a)
        self.assertWallet(self.member_a, 0.0, 0.0)

    def test_refund_only_store_manager(self):
        self.top_up(self.member_a)
        journal = self.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", self.company.id)], limit=1
        )
        with self.assertRaises(UserError):
            self.member_a.with_user(self.cashier_a).action_chain_wallet_refund(100.0, journal, self.store_a)
        with self.assertRaises(UserError):  # store A's manager, in store B
            self.member_a.with_user(self.manager_a).action_chain_wallet_refund(100.0, journal, self.store_b)
        self.assertWallet(self.member_a, 1000.0, 100.0)
