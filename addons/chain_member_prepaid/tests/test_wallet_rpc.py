from odoo.tests import HttpCase, JsonRpcException, tagged

from .common_wallet import ChainWalletCase


@tagged("post_install", "-at_install")
class TestWalletRpcAttacks(HttpCase, ChainWalletCase):
    """A cashier's web session (``/web/dataset/call_kw``) attacking the stored value: the ledger,
    the balances, the card, the server's own methods and another store's till are all closed."""

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
        self.top_up(self.member_a)
        line = self.ledger(self.member_a)[:1]
        self.authenticate("t_cashier_a", "t_cashier_a")
        Line = "chain.member.wallet.line"
        self._call_fails(
            Line, "create", {"member_id": self.member_a.id, "store_id": self.store_a.id, "kind": "topup",
                             "principal": 5000.0}
        )  # fmt: skip
        self._call_fails(Line, "write", line.ids, {"principal": 5000.0})
        self._call_fails(Line, "unlink", line.ids)
        self._call_fails("chain.member", "write", self.member_a.ids, {"wallet_principal": 5000.0})
        self._call_fails("chain.member", "_chain_wallet_post", self.member_a.ids, "topup", 5000.0, 0.0, self.store_a.id)
        self._call_fails("chain.member", "action_chain_wallet_refund", self.member_a.ids, 100.0, 1, self.store_a.id)
        self._call_fails("chain.member.proof", "_chain_use_wallet_token", "1." + "0" * 64, self.member_a.id, 100)
        card = self.env["loyalty.card"].search(
            [("program_id.chain_wallet", "=", True), ("partner_id", "=", self.member_a.partner_id.id)]
        )
        self._call_fails("loyalty.card", "write", card.ids, {"points": 99999})
        self._call_fails(
            "chain.prepaid.topup.rule", "create", {"name": "All free", "min_amount": 0, "bonus_percent": 900}
        )
        # another store's till
        self._call_fails("pos.session", "chain_wallet_send_code", self.session_b.ids, self.member_b.id, 10.0)
        self._call_fails("pos.session", "chain_wallet_info", self.session_b.ids, self.member_a.id)
        # her own till answers her balance
        info = self._call("pos.session", "chain_wallet_info", self.session_a.ids, self.member_a.id)
        self.assertEqual(info, {"principal": 1000.0, "bonus": 100.0, "balance": 1100.0})
        self.assertWallet(self.member_a, 1000.0, 100.0)
