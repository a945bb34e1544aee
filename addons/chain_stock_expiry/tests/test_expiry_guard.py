from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainExpiryCase


def _internal(case, source, destination, lot, qty, user):
    """A ready internal transfer of ``qty`` of ``lot``, its move line set by hand (no reservation)."""
    picking = (
        case.env["stock.picking"]
        .with_user(user)
        .create(
            {
                "picking_type_id": case.wh_a.int_type_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": lot.product_id.name,
                            "product_id": lot.product_id.id,
                            "product_uom_qty": qty,
                            "product_uom": lot.product_id.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                        }
                    )
                ],
            }
        )
    )
    picking.action_confirm()
    picking.move_ids.move_line_ids.unlink()
    case.env["stock.move.line"].create(
        {**picking.move_ids._prepare_move_line_vals(quantity=qty), "lot_id": lot.id, "picked": True}
    )
    picking.move_ids.picked = True
    return picking


@tagged("post_install", "-at_install")
class TestExpiryGuard(ChainExpiryCase):
    """What only the expiry workflow changes: blocks, short-dated reasons, quarantine (issue 20)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expiry_manager = cls._user("t_expiry_mgr", "chain_stock_expiry.group_chain_expiry_manager", cls.store_a)
        cls.manager_a.groups_id = [Command.link(cls.env.ref("chain_stock_expiry.group_chain_expiry_exception").id)]
        cls.held = cls._lot("G-HELD", 400)
        cls._put(cls.held, cls.shelf_a, 5)
        cls.held._chain_block("quality hold (test)")

    def test_nobody_unblocks_a_lot_by_writing_it(self):
        for user in (self.staff_a, self.manager_a, self.chain_manager, self.expiry_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.held.with_user(user).write({"chain_blocked": False})
        with self.assertRaises(AccessError):
            self.held.with_user(self.staff_a).action_chain_unblock()
        self.assertTrue(self.held.chain_blocked)
        self.assertEqual(self._sellable(self.store_a), 0)
        # the documented path still works
        self.held.with_user(self.expiry_manager).action_chain_unblock()
        self.assertFalse(self.held.chain_blocked)

    def test_short_dated_reason_only_through_the_gate(self):
        lot = self._lot("G-SHORT", 300)  # 42% left, transfers need 50%
        for user in (self.staff_a, self.manager_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                lot.with_user(user).write({"chain_receipt_exception": "I say so"})
        with self.assertRaises(AccessError):
            self.env["stock.lot"].with_user(self.staff_a).create(
                {"name": "G-NEW", "product_id": self.formula.id, "chain_receipt_exception": "I say so"}
            )
        self.assertFalse(lot.chain_receipt_exception)
        # so the transfer into store B is still refused
        self._put(lot, self.shelf_a, 4)
        picking = _internal(self, self.shelf_a, self.shelf_b, lot, 4, self.env.user)
        with self.assertRaises(UserError):
            picking.with_user(self.staff_a).button_validate()

    def test_reason_given_on_a_receipt_line_reaches_its_new_lot(self):
        picking = self._receipt(self.wh_a, [(self.formula, 6)])
        line = picking.move_ids.move_line_ids[:1]
        line.with_user(self.manager_a).write(
            {"lot_name": "G-RCPT", "quantity": 6, "picked": True, "expiration_date": self._days(300),
             "chain_receipt_exception": "agreed with the supplier"}
        )  # fmt: skip
        picking.with_user(self.staff_a).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(line.lot_id.chain_receipt_exception, "agreed with the supplier")

    def test_stock_leaves_quarantine_only_by_an_expiry_manager(self):
        lot = self._lot("G-QUAR", 400)
        self._put(lot, self.quarantine_a, 3)
        for user in (self.staff_a, self.manager_a, self.region_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                _internal(self, self.quarantine_a, self.shelf_a, lot, 3, self.env.user).with_user(
                    user
                ).button_validate()
        self.assertEqual(self._sellable(self.store_a), 0)
        picking = _internal(self, self.quarantine_a, self.shelf_a, lot, 3, self.env.user)
        picking.with_user(self.expiry_manager).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self._sellable(self.store_a), 3)

    def test_quarantine_location_and_write_off_are_not_for_store_users(self):
        with self.assertRaises(AccessError):
            self.quarantine_a.with_user(self.chain_manager).write({"chain_quarantine": False})
        self.assertTrue(self.quarantine_a.chain_quarantine)
        lot = self._lot("G-OFF", -3)
        self._put(lot, self.quarantine_a, 2)
        quant = self.env["stock.quant"].search([("lot_id", "=", lot.id)])
        for user in (self.staff_a, self.manager_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                quant.with_user(user).action_chain_scrap_expired()
        self.assertEqual(quant.quantity, 2)
        quant.with_user(self.expiry_manager).action_chain_scrap_expired()
        self.assertEqual(quant.quantity, 0)

    def test_sellable_figure_stays_in_the_users_stores(self):
        lot = self._lot("G-B", 400)
        self._put(lot, self.shelf_b, 7)
        product = self.formula.with_user(self.staff_a).with_context(chain_store_ids=self.store_b.ids)
        self.assertEqual(product.chain_sellable_qty, 0, "store B's stock is not store A's staff's to read")
        self.assertEqual(self.formula.with_context(chain_store_ids=self.store_b.ids).chain_sellable_qty, 7)


@tagged("post_install", "-at_install")
class TestExpiryGuardOverRpc(HttpCase, ChainExpiryCase):
    """The same refusals as a web session sends them, with a client's ``skip_expired``."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_store_manager_over_rpc(self):
        held = self._lot("H-HELD", 400)
        held._chain_block("quality hold (test)")
        self.manager_a.groups_id = [Command.link(self.env.ref("chain_stock_expiry.group_chain_expiry_exception").id)]
        self.manager_a.password = "manager-a-pass"
        self.authenticate(self.manager_a.login, "manager-a-pass")
        context = {"skip_expired": True, "chain_reserve_any": True}
        with self.assertRaises(JsonRpcException), self.assertLogs("odoo.http", "WARNING"):
            self._call("stock.lot", "write", held.ids, {"chain_blocked": False}, context=context)
        with self.assertRaises(JsonRpcException), self.assertLogs("odoo.http", "WARNING"):
            self._call("stock.lot", "write", held.ids, {"chain_receipt_exception": "x"}, context=context)
        self.assertTrue(held.chain_blocked)
        # an expired lot sent to store B: Odoo's confirmation of expired lots comes first, the
        # client's skip_expired does not skip it, nor does the short-dated wizard pass it on
        lot = self._lot("H-EXPIRED", -2)
        self._put(lot, self.shelf_a, 2)
        picking = _internal(self, self.shelf_a, self.shelf_b, lot, 2, self.env.user)
        action = self._call("stock.picking", "button_validate", picking.ids, context=context)
        self.assertEqual(action["res_model"], "expiry.picking.confirmation")
        wizard_id = self._call(
            "chain.receipt.exception.wizard", "create",
            {"picking_ids": [Command.set(picking.ids)], "move_line_ids": [Command.set(picking.move_line_ids.ids)],
             "reason": "test"},
        )  # fmt: skip
        action = self._call("chain.receipt.exception.wizard", "action_accept", [wizard_id], context=context)
        self.assertEqual(action["res_model"], "expiry.picking.confirmation")
        self.assertNotEqual(picking.state, "done")
