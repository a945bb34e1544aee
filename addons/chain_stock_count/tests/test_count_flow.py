from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ChainCountCase


@tagged("post_install", "-at_install")
class TestCountFlow(ChainCountCase):
    def test_start_snapshots_the_store_quants_by_lot(self):
        count = self._started()
        self.assertEqual(count.state, "counting")
        self.assertRecordValues(
            count.line_ids.with_user(self.manager_a).sorted(lambda line: (line.product_id.id, line.lot_id.id)),
            [
                {"product_id": self.product.id, "lot_id": False, "location_id": self.shelf_a.id, "expected_qty": 10.0},
                {"product_id": self.formula.id, "lot_id": self.lot1.id, "location_id": self.shelf_a.id,
                 "expected_qty": 10.0},
                {"product_id": self.formula.id, "lot_id": self.lot2.id, "location_id": self.shelf_a.id,
                 "expected_qty": 5.0},
            ],
        )  # fmt: skip
        self.assertEqual(count.line_count, 3, "store B's stock is not in store A's count")
        self.assertFalse(count.line_ids.filtered("is_counted"))

    def test_staff_create_with_form_defaults_to_their_store(self):
        form = Form(self.Count.with_user(self.staff_a))
        count = form.save()
        self.assertEqual(count.store_id, self.store_a)
        self.assertEqual(count.state, "draft")
        self.assertTrue(count.name.startswith("CNT/"))
        self.assertEqual((count.recount_qty, count.recount_value), (2.0, 200.0))

    def test_full_flow_recount_approve_apply(self):
        count = self._started()
        staff = count.with_user(self.staff_a)
        self._line(staff, self.product).counted_qty = 10
        self._line(staff, self.formula, self.lot1).counted_qty = 9  # 1 missing: 150.00, below both thresholds
        self._line(staff, self.formula, self.lot2).counted_qty = 8  # 3 found: above 2 units -> recount
        staff.action_submit()
        self.assertEqual(count.state, "recount")
        self.assertEqual(count.line_ids.filtered("recount_required").lot_id, self.lot2)
        with self.assertRaisesRegex(UserError, "Recount these lines"):
            staff.action_submit()
        with self.assertRaises(UserError):
            self._line(staff, self.formula, self.lot1).recount_qty = 3  # not asked for a recount
        self._line(staff, self.formula, self.lot2).recount_qty = 7
        staff.action_submit()
        self.assertEqual(count.state, "to_approve")
        self.assertEqual(self._line(count, self.formula, self.lot2).final_qty, 7.0, "the recount is final")

        with self.assertRaises(AccessError):
            staff.action_approve()
        count.with_user(self.manager_a).action_approve()
        self.assertRecordValues(count, [{"state": "approved", "approved_by_id": self.manager_a.id}])
        # nothing moved before the apply step
        self.assertEqual(self._quant_qty(self.formula, self.shelf_a, self.lot2), 5.0)
        with self.assertRaises(AccessError):
            staff.action_apply()
        self.assertEqual(count.with_user(self.manager_a).variance_value, 150.0)  # -150 + 300
        count.with_user(self.manager_a).action_apply()

        self.assertEqual(count.state, "done")
        self.assertEqual(self._quant_qty(self.formula, self.shelf_a, self.lot1), 9.0)
        self.assertEqual(self._quant_qty(self.formula, self.shelf_a, self.lot2), 7.0)
        self.assertEqual(self._quant_qty(self.product, self.shelf_a), 10.0)
        self.assertEqual(self._quant_qty(self.formula, self.shelf_b, self.lot1), 3.0, "store B untouched")
        moves = count.move_ids
        self.assertEqual(len(moves), 2)
        loss = moves.filtered(lambda move: move.location_dest_id == self.inventory_loss)
        gain = moves.filtered(lambda move: move.location_id == self.inventory_loss)
        self.assertEqual((loss.quantity, loss.move_line_ids.lot_id), (1.0, self.lot1))
        self.assertEqual((gain.quantity, gain.move_line_ids.lot_id), (2.0, self.lot2))
        self.assertTrue(all(moves.mapped("is_inventory")))
        self.assertIn(count.name, loss.name)
        # valued like any inventory adjustment
        self.assertEqual(sum(moves.stock_valuation_layer_ids.mapped("value")), 150.0)

    def test_lot_found_but_not_expected_is_added_and_applied(self):
        count = self._started()
        lot3 = self._lot("C-003", 600)
        staff_lines = self.env["chain.stock.count.line"].with_user(self.staff_a)
        found = staff_lines.create(
            {"count_id": count.id, "product_id": self.formula.id, "lot_id": lot3.id, "location_id": self.shelf_a.id,
             "counted_qty": 1}
        )  # fmt: skip
        self.assertTrue(found.is_unexpected)
        self.assertEqual(found.with_user(self.manager_a).expected_qty, 0.0)
        with self.assertRaises(ValidationError):  # a tracked product needs its lot
            staff_lines.create({"count_id": count.id, "product_id": self.formula.id, "location_id": self.shelf_a.id})
        with self.assertRaises(ValidationError):  # the line is already there
            staff_lines.create(
                {"count_id": count.id, "product_id": self.formula.id, "lot_id": self.lot1.id,
                 "location_id": self.shelf_a.id}
            )  # fmt: skip
        for line in count.line_ids.filtered(lambda line: not line.is_unexpected):
            line.with_user(self.staff_a).counted_qty = line.with_user(self.manager_a).expected_qty
        count.with_user(self.staff_a).action_submit()
        self.assertEqual(count.state, "to_approve", "1 unit worth 150.00 needs no recount")
        count.with_user(self.manager_a).action_approve()
        count.with_user(self.manager_a).action_apply()
        self.assertEqual(self._quant_qty(self.formula, self.shelf_a, lot3), 1.0)
        self.assertEqual(self._quant_qty(self.formula, self.shelf_a, self.lot1), 10.0)

    def test_missing_recount_message_is_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["chain_stock_count"], ["zh_CN"], overwrite=True)
        count = self._started()
        staff = count.with_user(self.staff_a).with_context(lang="zh_CN")  # the web client sends the user's
        staff.action_set_uncounted_zero()
        staff.action_submit()
        with self.assertRaisesRegex(UserError, f"提交盘点单 {count.name} 前请复盘以下明细"):
            staff.action_submit()

    def test_uncounted_lines_block_submission(self):
        count = self._started()
        self._line(count, self.product).with_user(self.staff_a).counted_qty = 10
        with self.assertRaisesRegex(UserError, "not counted yet"):
            count.with_user(self.staff_a).action_submit()
        count.with_user(self.staff_a).action_set_uncounted_zero()
        self.assertEqual(count.counted_line_count, 3)
        count.with_user(self.staff_a).action_submit()
        self.assertEqual(count.state, "recount", "15 units of formula missing")
        self.assertEqual(count.recount_line_count, 2)

    def test_percent_threshold(self):
        count = self._started(user=self.manager_a, recount_qty=0, recount_value=0, recount_percent=10)
        count.line_ids.with_user(self.staff_a).write({"counted_qty": 10})
        count.with_user(self.staff_a).action_submit()
        # C-002: 10 counted for 5 expected (+100 %); the others are exact
        self.assertEqual(count.line_ids.filtered("recount_required").lot_id, self.lot2)

    def test_no_threshold_no_recount(self):
        count = self._started(user=self.manager_a, recount_qty=0, recount_value=0)
        count.with_user(self.staff_a).action_set_uncounted_zero()
        count.with_user(self.staff_a).action_submit()
        self.assertEqual(count.state, "to_approve")

    def test_approval_setting_off_goes_straight_to_approved(self):
        self.company.chain_count_approval = False
        count = self._started()
        for line in count.line_ids:
            line.with_user(self.staff_a).counted_qty = line.with_user(self.manager_a).expected_qty
        count.with_user(self.staff_a).action_submit()
        self.assertEqual(count.state, "approved")
        with self.assertRaises(AccessError):
            count.with_user(self.staff_a).action_apply()
        count.with_user(self.manager_a).action_apply()
        self.assertEqual((count.state, count.move_ids.ids), ("done", []))

    def test_sales_while_counting_are_not_undone(self):
        count = self._started()
        self.env["stock.quant"]._update_available_quantity(self.product, self.shelf_a, -2)  # sold at the till
        count.line_ids.with_user(self.staff_a).write({"counted_qty": 0})
        self._line(count, self.formula, self.lot1).with_user(self.staff_a).counted_qty = 10
        self._line(count, self.formula, self.lot2).with_user(self.staff_a).counted_qty = 5
        self._line(count, self.product).with_user(self.staff_a).counted_qty = 9  # 1 missing when counted
        count.with_user(self.staff_a).action_submit()
        count.with_user(self.manager_a).action_approve()
        count.with_user(self.manager_a).action_apply()
        self.assertEqual(self._quant_qty(self.product, self.shelf_a), 7.0, "10 - 2 sold - 1 missing")

    def test_reset_to_draft_keeps_the_counts_and_takes_a_new_snapshot(self):
        count = self._started()
        self._line(count, self.product).with_user(self.staff_a).counted_qty = 4
        with self.assertRaises(AccessError):
            count.with_user(self.staff_a).action_reset_draft()
        count.with_user(self.manager_a).action_reset_draft()
        self.assertEqual(count.state, "draft")
        self._put(self.lot1, self.shelf_a, 2)
        count.with_user(self.staff_a).action_start()
        self.assertEqual(self._line(count, self.product).counted_qty, 4.0)
        self.assertEqual(self._line(count, self.formula, self.lot1).with_user(self.manager_a).expected_qty, 12.0)

    def test_counter_cannot_bypass_the_workflow(self):
        count = self._started()
        staff = count.with_user(self.staff_a)
        line = self._line(staff, self.product)
        with self.assertRaises(AccessError):
            staff.write({"state": "done"})
        with self.assertRaises(AccessError):
            staff.recount_value = 100000
        with self.assertRaises(AccessError):
            line.recount_required = False
        with self.assertRaises(AccessError):
            line.product_id = self.formula  # a snapshot line is the system's
        with self.assertRaises(UserError):
            staff.location_ids = self.shelf_a  # the scope is fixed once started
        staff.action_set_uncounted_zero()
        staff.action_submit()
        with self.assertRaises(UserError):
            line.counted_qty = 3  # counting is over
        with self.assertRaises(UserError):
            count.unlink()
        self.assertEqual(count.state, "recount")

    def test_cancel_and_delete(self):
        draft = self._count()
        draft.with_user(self.staff_a).action_cancel()
        self.assertEqual(draft.state, "cancel")
        draft.with_user(self.manager_a).unlink()
        count = self._started()
        with self.assertRaises(AccessError):
            count.with_user(self.staff_a).action_cancel()
        count.with_user(self.manager_a).action_cancel()
        self.assertEqual(count.state, "cancel")
