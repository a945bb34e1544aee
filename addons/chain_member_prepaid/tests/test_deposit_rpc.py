from odoo.tests import HttpCase, tagged

from .common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestDepositRpc(HttpCase, ChainDepositCase):
    """Store B's cashier, over JSON-RPC as any client calls the server, against store A's
    member's deposit and card: nothing to read, nothing to write, no private method."""

    def setUp(self):
        super().setUp()
        self.deposit = self.sell_deposit(qty=12)
        self.card = self.sell_card()
        self.cashier_b.password = "cashier-b-pass"
        self.authenticate(self.cashier_b.login, "cashier-b-pass")

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _refused(self, model, method, *args, **kwargs):
        with self.assertRaises(Exception) as caught:
            self._call(model, method, *args, **kwargs)
        return str(caught.exception)

    def test_another_stores_deposit_and_card_are_out_of_reach(self):
        for model, record in (("chain.member.deposit", self.deposit), ("chain.member.service.card", self.card)):
            self.assertEqual(self._call(model, "search_read", [("id", "=", record.id)], ["id"]), [])
            self._refused(model, "read", [record.id], ["state"])
            self._refused(model, "write", [record.id], {"state": "open"})
            self._refused(model, "create", {"member_id": self.member_b.id})
            self._refused(model, "action_forfeit", [record.id])
            self._refused(model, "_chain_lock", [record.id])
        self._refused("chain.member.deposit", "_chain_record_pickup", [self.deposit.id], {"qty": 12})
        self._refused("chain.member.deposit", "action_extend", [self.deposit.id])
        self._refused("chain.member.service.card", "_chain_record_use", [self.card.id], {}, 3)
        self._refused("pos.session", "chain_prepaid_entitlements", [self.session_a.id], self.member_a.id)
        self.assertEqual((self.deposit.qty_remaining, self.card.uses_left), (12, 3))

    def test_own_till_lists_the_member_of_another_store(self):
        answer = self._call("pos.session", "chain_prepaid_entitlements", [self.session_b.id], self.member_a.id)
        self.assertEqual([d["id"] for d in answer["deposits"]], self.deposit.ids)
        self.assertEqual([c["id"] for c in answer["cards"]], self.card.ids)

    def test_forged_pickup_over_rpc_refused(self):
        vals = self.pickup_vals(self.deposit, 13, session=self.session_b)
        vals["user_id"] = self.cashier_b.id
        message = self._refused("pos.order", "sync_from_ui", [vals])
        self.assertIn("UserError", message)
        self.assertFalse(self.deposit.pickup_ids)
