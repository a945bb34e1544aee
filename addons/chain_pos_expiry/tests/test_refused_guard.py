from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainPosExpiryCase


@tagged("post_install", "-at_install")
class TestRefusedOrderGuard(ChainPosExpiryCase):
    """A refused order waits for its store manager: the cashier cannot pay it, cancel it, delete it
    or clear its lot check by any other way (issue 20)."""

    def _refused(self):
        order, _response = self._sync(self._order(self._line("OLD")))
        self.assertEqual((order.state, order.chain_expiry_state), ("draft", "refused"))
        return order

    def assertStillRefused(self, order):
        order.invalidate_recordset()
        self.assertEqual((order.state, order.chain_expiry_state), ("draft", "refused"))
        self.assertEqual(order.lines.chain_expiry_issue, "expired")
        self.assertFalse(order.picking_ids)

    def test_cashier_cannot_pay_a_refused_order(self):
        order = self._refused().with_user(self.cashier_a)
        with self.assertRaises(AccessError):
            order.write({"state": "paid"})
        with self.assertRaises(UserError):
            order.action_pos_order_paid()
        self.assertStillRefused(order)

    def test_cashier_cannot_clear_the_lot_check(self):
        order = self._refused().with_user(self.cashier_a)
        for vals in ({"chain_expiry_state": False}, {"chain_expiry_state": "overridden"}, {"chain_expiry_message": ""}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                order.write(vals)
        for vals in ({"chain_expiry_issue": False}, {"chain_overridden": True},
                     {"chain_override_user_id": self.manager_a.id}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                order.lines.write(vals)
        self.assertStillRefused(order)
        self.assertFalse(order.lines.chain_overridden)

    def test_cashier_cannot_cancel_or_delete_a_refused_order(self):
        order = self._refused().with_user(self.cashier_a)
        with self.assertRaises(AccessError):
            order.action_pos_order_cancel()
        with self.assertRaises(AccessError):
            order.write({"state": "cancel"})
        with self.assertRaises(AccessError):
            order.unlink()
        # the till deleting its orders leaves the refused one to the manager
        self.assertEqual(self.env["pos.order"].with_user(self.cashier_a).remove_from_ui(order.ids), [])
        self.assertTrue(order.exists())
        self.assertStillRefused(order)

    def test_resync_cannot_cancel_or_clear(self):
        data = self._order(self._line("OLD"))
        order, _response = self._sync(data)
        data.update(state="cancel", chain_expiry_state=False, chain_expiry_message=False)
        data["lines"][0][2].update(chain_expiry_issue=False, chain_overridden=True)
        again, _response = self._sync(data)
        self.assertEqual(again, order)
        self.assertStillRefused(order)
        self.assertFalse(order.lines.chain_overridden)

    def test_unjudged_draft_cannot_be_paid_directly(self):
        # the till saves a draft (no lot check yet): paying it directly judges its lots
        data = dict(self._order(self._line("OLD")), state="draft")
        order, _response = self._sync(data)
        self.assertEqual((order.state, order.chain_expiry_state), ("draft", False))
        with self.assertRaises(AccessError):
            order.with_user(self.cashier_a).write({"state": "paid"})
        with self.assertRaisesRegex(UserError, "OLD"):
            order.with_user(self.cashier_a).action_pos_order_paid()
        self.assertEqual(order.state, "draft")
        with self.assertRaises(AccessError):
            self.env["pos.order"].with_user(self.cashier_a).create(
                {
                    "session_id": self.pos_session.id,
                    "state": "paid",
                    "amount_total": 0,
                    "amount_tax": 0,
                    "amount_paid": 0,
                    "amount_return": 0,
                }
            )
        # a fresh lot passes the same way
        fresh, _response = self._sync(dict(self._order(self._line("FRESH")), state="draft"))
        fresh.with_user(self.cashier_a).action_pos_order_paid()
        self.assertEqual(fresh.state, "paid")

    def test_manager_paths_still_decide(self):
        accepted = self._refused()
        accepted.with_user(self.manager_a)._chain_accept_refused("date_error")
        self.assertEqual((accepted.state, accepted.chain_expiry_state), ("paid", "overridden"))
        self.assertTrue(accepted.picking_ids)
        # its lines (overridden, checked) can still be refunded from the back office
        refund = accepted.with_user(self.cashier_a)._refund()
        self.assertRecordValues(refund.lines, [{"qty": -1, "chain_overridden": False, "chain_expiry_issue": False}])
        cancelled = self._refused()
        cancelled.with_user(self.manager_a).action_chain_cancel_refused()
        self.assertEqual(cancelled.state, "cancel")
        # another store's manager decides nothing
        other = self._refused()
        with self.assertRaises(AccessError):
            other.with_user(self.manager_b).action_chain_cancel_refused()
        self.assertStillRefused(other)


@tagged("post_install", "-at_install")
class TestRefusedOrderOverRpc(HttpCase, ChainPosExpiryCase):
    """The same attacks as a cashier's web session sends them (``/web/dataset/call_kw``), with the
    context keys that would switch the checks off."""

    BYPASS = {
        "chain_pos_expiry_off": True,
        "chain_lot_rule_done": True,
        "chain_pos_picking_batch": [],
        "skip_expired": True,
    }

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
        order, _response = self._sync(self._order(self._line("OLD")))
        self.authenticate("t_cashier_a", "t_cashier_a")
        context = dict(self.BYPASS)
        self._call_fails("pos.order", "write", order.ids, {"state": "paid"}, context=context)
        self._call_fails("pos.order", "action_pos_order_paid", order.ids, context=context)
        self._call_fails("pos.order", "write", order.ids, {"chain_expiry_state": False}, context=context)
        self._call_fails("pos.order", "action_pos_order_cancel", order.ids, context=context)
        self._call_fails("pos.order.line", "write", order.lines.ids, {"chain_overridden": True}, context=context)
        order.invalidate_recordset()
        self.assertEqual((order.state, order.chain_expiry_state), ("draft", "refused"))
        # a new order with an expired lot, synced with the switches: still refused, nothing moved
        data = self._order(self._line("OLD"))
        self._call("pos.order", "sync_from_ui", [data], context=context)
        synced = self.env["pos.order"].search([("uuid", "=", data["uuid"])])
        self.assertEqual((synced.state, synced.chain_expiry_state), ("draft", "refused"))
        self.assertFalse(synced.picking_ids)
        # the till's load keeps its lots and override managers whatever the context says
        loaded = self._call(
            "pos.session", "load_data", self.pos_session.ids, ["pos.config", "stock.lot"], context=context
        )
        self.assertIn("OLD", [lot["name"] for lot in loaded["stock.lot"]["data"]])
        managers = loaded["pos.session"]["data"][0]["_chain_override_managers"]
        self.assertEqual([manager["id"] for manager in managers], self.manager_a.ids)
