from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainCountCase

HIDDEN = ("expected_qty", "variance_qty", "variance_value", "standard_price")


@tagged("post_install", "-at_install")
class TestBlindCount(ChainCountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.count = cls.Count.with_user(cls.staff_a).create({"store_id": cls.store_a.id})
        cls.count.action_start()
        cls.line = cls.count.line_ids.filtered(lambda line: line.lot_id == cls.lot1)

    def test_staff_never_reads_expected_quantity_or_variance(self):
        line = self.line.with_user(self.staff_a)
        for field in HIDDEN:
            with self.assertRaises(AccessError, msg=field):
                line.read([field])
        values = line.read()[0]
        self.assertFalse(set(HIDDEN) & set(values), "read() without field names leaves them out")
        self.assertEqual(values["product_id"][0], self.formula.id)
        self.assertNotIn("expected_qty", line.fields_get())
        with self.assertRaises(AccessError):
            line.search([("expected_qty", ">", 0)])
        with self.assertRaises(AccessError):
            line.web_search_read([("id", "=", line.id)], {"expected_qty": {}})
        with self.assertRaises(AccessError):
            self.count.with_user(self.staff_a).read(["variance_value"])

    def test_staff_views_carry_no_expected_quantity(self):
        Line = self.env["chain.stock.count.line"].with_user(self.staff_a)
        views = Line.get_views([(False, "kanban"), (False, "list"), (False, "form")])["views"]
        for view_type, view in views.items():
            self.assertNotIn("expected_qty", view["arch"], view_type)
            self.assertNotIn("variance_qty", view["arch"], view_type)
        count_form = self.Count.with_user(self.staff_a).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("variance_value", count_form)

    def test_manager_reads_expected_and_variance(self):
        self.line.with_user(self.staff_a).counted_qty = 8
        values = self.line.with_user(self.manager_a).read(list(HIDDEN))[0]
        self.assertEqual(
            {field: values[field] for field in HIDDEN},
            {"expected_qty": 10.0, "variance_qty": -2.0, "variance_value": -300.0, "standard_price": 150.0},
        )
        form = self.env["chain.stock.count.line"].with_user(self.manager_a).get_views([(False, "list")])
        self.assertIn("expected_qty", form["views"]["list"]["arch"])

    def test_staff_sees_their_own_count(self):
        line = self.line.with_user(self.staff_a)
        line.action_add_one()
        line.action_add_one()
        self.assertEqual(line.read(["counted_qty", "final_qty", "is_counted"])[0]["counted_qty"], 2.0)
        line.action_remove_one()
        self.assertEqual((line.counted_qty, line.is_counted, line.counted_by_id), (1.0, True, self.staff_a))
        line.action_set_zero()
        self.assertEqual(line.final_qty, 0.0)
