from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import LIFE, ChainExpiryCase


@tagged("post_install", "-at_install")
class TestReceiptGate(ChainExpiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.groups_id = [Command.link(cls.env.ref("chain_stock_expiry.group_chain_expiry_exception").id)]

    def _fill(self, picking, lot_name, days_left, qty=6):
        line = picking.move_ids.move_line_ids[:1]
        vals = {"lot_name": lot_name, "quantity": qty, "picked": True, "expiration_date": self._days(days_left)}
        if line:
            line.write(vals)
        else:
            move = picking.move_ids[:1]
            line = self.env["stock.move.line"].create({**move._prepare_move_line_vals(), **vals})
        return line

    def test_fresh_lot_passes(self):
        picking = self._receipt(self.wh_a, [(self.formula, 6)])
        self._fill(picking, "R-FRESH", 600)  # 83% of the life left
        picking.with_user(self.staff_a).button_validate()
        self.assertEqual(picking.state, "done")
        lot = picking.move_line_ids.lot_id
        self.assertEqual(lot.chain_supplier_id, self.supplier, "the lot remembers its supplier")
        self.assertEqual(self._sellable(self.store_a), 6)

    def test_short_lot_refused_with_lot_and_life(self):
        picking = self._receipt(self.wh_a, [(self.formula, 6)])
        self._fill(picking, "R-SHORT", 300)  # 42% left, policy asks 2/3
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.staff_a).button_validate()
        message = caught.exception.args[0]
        self.assertIn("R-SHORT", message)
        self.assertIn("300 days left", message)
        self.assertIn("42%", message)
        self.assertNotEqual(picking.state, "done")
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "R-SHORT")]), "nothing entered stock")

    def test_rpc_cannot_bypass_the_wizard(self):
        picking = self._receipt(self.wh_a, [(self.formula, 6)])
        self._fill(picking, "R-BYPASS", 300)
        with self.assertRaises(UserError):
            picking.with_user(self.staff_a).with_context(skip_expired=True)._action_done()

    def test_user_without_right_cannot_give_reason(self):
        picking = self._receipt(self.wh_a, [(self.formula, 6)])
        line = self._fill(picking, "R-NORIGHT", 300)
        with self.assertRaises(AccessError):
            line.with_user(self.staff_a).chain_receipt_exception = "I say so"

    def test_override_with_reason(self):
        picking = self._receipt(self.wh_a, [(self.formula, 6)])
        self._fill(picking, "R-OVERRIDE", 300)
        action = picking.with_user(self.manager_a).button_validate()
        self.assertEqual(action["res_model"], "chain.receipt.exception.wizard")
        wizard_form = Form(
            self.env["chain.receipt.exception.wizard"].with_user(self.manager_a).with_context(**action["context"])
        )
        self.assertIn("R-OVERRIDE", wizard_form.summary)
        wizard_form.reason = "Promotion stock agreed with the supplier"
        wizard_form.save().action_accept()
        self.assertEqual(picking.state, "done")
        lot = picking.move_line_ids.lot_id
        self.assertEqual(lot.chain_receipt_exception, "Promotion stock agreed with the supplier")
        self.assertIn("Promotion stock agreed", lot.message_ids[:1].body)
        self.assertIn("Short-dated goods accepted", picking.message_ids.mapped("body")[0])

    def test_expiry_computed_from_production_date(self):
        picking = self._receipt(self.wh_a, [(self.formula, 2)])
        line = picking.move_ids.move_line_ids[:1]
        production = self._days(-10).date()
        line.write({"lot_name": "R-PROD", "quantity": 2, "picked": True, "chain_production_date": production})
        self.assertEqual(line.expiration_date.date(), self._days(LIFE - 10).date())
        picking.button_validate()
        lot = line.lot_id
        self.assertEqual(lot.chain_production_date, production)
        self.assertEqual(lot.expiration_date.date(), self._days(LIFE - 10).date())

    def test_transfer_between_stores_checks_transfer_minimum(self):
        lot = self._lot("T-SHORT", 300)  # 42% left, transfers need 50%
        self._put(lot, self.shelf_a, 4)
        picking = self._transfer(self.wh_a.int_type_id, self.shelf_a, self.shelf_b, qty=4, product=self.formula)
        picking.action_confirm()
        picking.action_assign()
        self.assertEqual(picking.move_line_ids.lot_id, lot)
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.staff_a).button_validate()
        self.assertIn("T-SHORT", caught.exception.args[0])
        # a user allowed to accept short-dated goods gets the reason wizard instead
        action = picking.with_user(self.manager_a).button_validate()
        self.assertEqual(action["res_model"], "chain.receipt.exception.wizard")
