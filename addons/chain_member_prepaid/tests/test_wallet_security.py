from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_wallet import ChainWalletCase


@tagged("post_install", "-at_install")
class TestWalletSecurity(ChainWalletCase):
    """Store users read their stores' ledger and write none of it; cards follow the ledger only."""

    def test_ledger_not_writable_by_store_users(self):
        self.top_up(self.member_a)
        line = self.ledger(self.member_a)[:1]
        for user in (self.staff_a, self.cashier_a, self.manager_a, self.chain_manager):
            Line = self.env["chain.member.wallet.line"].with_user(user)
            with self.assertRaises(AccessError):
                Line.create({"member_id": self.member_a.id, "store_id": self.store_a.id, "kind": "topup",
                             "principal": 1000000.0})  # fmt: skip
            with self.assertRaises(AccessError):
                line.with_user(user).write({"principal": 1000000.0})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()

    def test_balances_not_writable(self):
        for user in (self.staff_a, self.manager_a, self.chain_manager):
            with self.assertRaises(AccessError):
                self.member_a.with_user(user).write({"wallet_principal": 1000000.0})

    def test_card_points_follow_the_ledger_only(self):
        self.top_up(self.member_a)
        card = self.env["loyalty.card"].search(
            [("program_id.chain_wallet", "=", True), ("partner_id", "=", self.member_a.partner_id.id)]
        )
        with self.assertRaises(UserError):
            card.write({"points": 99999.0})
        with self.assertRaises(UserError):
            card.sudo().write({"points": 99999.0})
        program = card.program_id
        with self.assertRaises(UserError):
            self.env["loyalty.card"].sudo().create({"program_id": program.id, "partner_id": self.member_b.partner_id.id,
                                                    "points": 500.0})  # fmt: skip
        self.assertWallet(self.member_a, 1000.0, 100.0)

    def test_store_isolation(self):
        """Store B's staff do not see store A's stored value moves; store A's see theirs."""
        self.top_up(self.member_a)
        lines = self.ledger(self.member_a)
        Line = self.env["chain.member.wallet.line"]
        self.assertFalse(Line.with_user(self.staff_b).search([("id", "in", lines.ids)]))
        self.assertEqual(Line.with_user(self.staff_a).search([("id", "in", lines.ids)]), lines)
        with self.assertRaises(AccessError):
            lines.with_user(self.staff_b).read(["principal"])

    def test_other_till_cannot_prove(self):
        """Store B's cashier cannot ask a code on store A's till, nor use a token of store A's till."""
        with self.assertRaises(AccessError):
            self.session_a.with_user(self.cashier_b).chain_wallet_send_code(self.member_a.id, 10.0)
        self.top_up(self.member_a)
        grant = self.prove_wallet(self.member_a, 100.0)
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_a, grant, session=self.session_b), user=self.cashier_b)
        self.assertWallet(self.member_a, 1000.0, 100.0)

    def test_points_token_does_not_pay_stored_value(self):
        """A points redemption token (same member presence proof) is no stored-value token, nor the reverse."""
        self.top_up(self.member_a)
        points_grant = self.prove(self.member_a, 500)
        fake = {"token": points_grant["token"], "amount": 5.0, "principal": 4.55, "bonus": 0.45}
        with self.assertRaises(UserError):
            self.sync(self.pay_vals(self.member_a, fake))
        grant = self.prove_wallet_qr(self.member_a, 5.0)
        with self.assertRaises(UserError):
            self.sync(self.order_vals(redeem=(500, grant["token"]), partner=self.member_a.partner_id))

    def test_refund_wizard_for_store_manager(self):
        self.top_up(self.member_a)
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company.id)], limit=1
        )
        wizard = (
            self.env["chain.member.wallet.refund"]
            .with_user(self.manager_a)
            .with_context(active_id=self.member_a.id)
            .create({"amount": 1000.0, "journal_id": journal.id, "store_id": self.store_a.id})
        )
        wizard.action_confirm()
        self.assertWallet(self.member_a, 0.0, 0.0)

    def test_error_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["chain_member_prepaid"], ["zh_CN"], overwrite=True)
        self.top_up(self.member_a)
        grant = self.prove_wallet(self.member_a, 100.0)
        vals = self.pay_vals(self.member_a, grant, item_qty=0, extra_lines=[self._line(self.topup, 1, 1000.0)])
        with self.assertRaisesRegex(UserError, "充值不能用储值或积分支付"):
            self.env["pos.order"].with_user(self.cashier_a).with_context(lang="zh_CN").sync_from_ui([vals])
