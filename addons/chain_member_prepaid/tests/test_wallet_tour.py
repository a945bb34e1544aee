from odoo.tests import HttpCase, tagged

from odoo.addons.chain_store.tests.common import run_hoot_units

from .common_wallet import ChainWalletCase


@tagged("post_install", "-at_install")
class TestWalletTour(HttpCase, ChainWalletCase):
    """The cashier's path in a real browser: top up a member's stored value (the bonus shown),
    then pay half an order with it, with the one-time code she received by SMS."""

    def test_topup_then_pay(self):
        url = f"/pos/ui?config_id={self.config_a.id}&chain_sms_outbox={self.sms.url}"
        self.start_tour(url, "chain_member_prepaid_wallet_tour", login="t_cashier_a", timeout=180)
        orders = self.env["pos.order"].search([("session_id", "=", self.session_a.id)], order="id")
        self.assertEqual(orders.mapped("state"), ["paid", "paid"])
        topup, paid = orders
        self.assertEqual(topup.partner_id, self.member_a.partner_id)
        self.assertEqual(topup.amount_total, 1000.0)
        self.assertEqual(paid.amount_total, 100.0)
        self.assertEqual(paid.chain_wallet_amount, 100.0)
        proof = self.env["chain.member.proof"].search([("used_order_id", "=", paid.id)])
        self.assertEqual((proof.kind, proof.chain_wallet_fen), ("sms", 10000))
        self.assertWallet(self.member_a, 909.09, 90.91)


@tagged("post_install", "-at_install")
class TestWalletUnitJs(HttpCase):
    """Hoot unit tests of the till's stored-value rules (``static/src/wallet/wallet_rules.js``)."""

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_member_prepaid")
        self.assertGreaterEqual(len(passed), 3, "every unit test of the addon ran and passed")
