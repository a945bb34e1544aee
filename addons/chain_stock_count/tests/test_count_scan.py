from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ChainCountCase


@tagged("post_install", "-at_install")
class TestCountScan(ChainCountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.count = cls.Count.with_user(cls.staff_a).create({"store_id": cls.store_a.id})
        cls.count.action_start()

    def _scan_form(self):
        action = self.count.with_user(self.staff_a).action_open_scan()
        Scan = self.env[action["res_model"]].with_user(self.staff_a).with_context(**action["context"])
        return Form(Scan)

    def test_scan_product_then_lot_adds_to_its_line(self):
        form = self._scan_form()
        self.assertEqual(form.location_id, self.shelf_a)
        form.barcode = self.formula.barcode
        self.assertEqual(form.product_id, self.formula)
        form.barcode = "C-001"
        self.assertEqual(form.lot_id, self.lot1)
        form.quantity = 3
        scan = form.save()
        action = scan.action_add()
        self.assertEqual(action["res_id"], scan.id, "the scan screen stays open for the next item")
        self.assertEqual(self._line(self.count, self.formula, self.lot1).counted_qty, 3.0)
        self.assertIn("3.0 counted", scan.message)
        self.assertFalse(scan.product_id)
        # the same lot again, one by one
        scan.on_barcode_scanned("C-001")
        scan.action_add()
        self.assertEqual(self._line(self.count, self.formula, self.lot1).counted_qty, 4.0)

    def test_unknown_lot_becomes_a_found_line(self):
        form = self._scan_form()
        form.barcode = self.formula.barcode
        form.barcode = "C-NEW"
        self.assertFalse(form.lot_id)
        self.assertEqual(form.lot_name, "C-NEW")
        scan = form.save()
        scan.action_add()
        line = self.count.line_ids.filtered(lambda line: line.lot_id.name == "C-NEW")
        self.assertRecordValues(line, [{"is_unexpected": True, "counted_qty": 1.0, "product_id": self.formula.id}])
        self.assertEqual(line.sudo().expected_qty, 0.0)

    def test_untracked_product_by_barcode(self):
        form = self._scan_form()
        form.barcode = self.product.barcode
        form.quantity = 10
        form.save().action_add()
        self.assertEqual(self._line(self.count, self.product).counted_qty, 10.0)

    def test_tracked_product_needs_a_lot(self):
        form = self._scan_form()
        form.barcode = self.formula.barcode
        scan = form.save()
        with self.assertRaisesRegex(UserError, "tracked by lot"):
            scan.action_add()
        self.assertFalse(self.count.line_ids.filtered("is_counted"))

    def test_recount_taps_only_on_lines_asked(self):
        staff = self.count.with_user(self.staff_a)
        self._line(staff, self.product).counted_qty = 9  # 1 x 20.00 missing: accepted
        staff.action_set_uncounted_zero()
        staff.action_submit()
        self.assertEqual(self.count.state, "recount")
        line_lot1 = self._line(staff, self.formula, self.lot1)
        self.assertTrue(line_lot1.recount_required)
        line_lot1.action_add_one()
        self.assertEqual((line_lot1.recount_qty, line_lot1.is_recounted, line_lot1.counted_qty), (1.0, True, 0.0))
        with self.assertRaisesRegex(UserError, "cannot be counted now"):
            self._line(staff, self.product).action_add_one()
        form = self._scan_form()
        form.barcode = self.product.barcode
        with self.assertRaisesRegex(UserError, "cannot be counted now"):
            form.save().action_add()
        self.assertEqual(self._line(staff, self.product).final_qty, 9.0)
