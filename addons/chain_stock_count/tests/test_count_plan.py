from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ChainCountCase

TODAY = date(2026, 3, 2)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02 10:00:00")
class TestCountPlan(ChainCountCase):
    def _plan_counts(self, plan):
        return self.Count.search([("plan_id", "=", plan.id)])

    def test_cron_generates_due_counts_per_store_once(self):
        plan = self._plan(store_ids=[Command.set((self.store_a | self.store_b).ids)], interval_days=30,
                          next_date=TODAY)  # fmt: skip
        later = self._plan(name="Later", next_date=TODAY + timedelta(days=1))
        self.Plan._cron_generate_counts()
        counts = self._plan_counts(plan)
        self.assertEqual(counts.store_id, self.store_a | self.store_b)
        self.assertEqual(set(counts.mapped("state")), {"draft"})
        self.assertEqual(set(counts.mapped("date")), {TODAY})
        self.assertEqual(plan.next_date, TODAY + timedelta(days=30))
        self.assertFalse(self._plan_counts(later))
        # the store manager gets a to-do
        count_a = counts.filtered(lambda count: count.store_id == self.store_a)
        self.assertEqual(count_a.activity_ids.user_id, self.manager_a)
        self.Plan._cron_generate_counts()
        self.assertEqual(self._plan_counts(plan), counts, "nothing more is due today")

    def test_category_plan_counts_the_category_and_its_children(self):
        plan = self._plan(kind="category", categ_ids=[Command.set(self.categ_formula.ids)], next_date=TODAY,
                          recount_qty=5, recount_value=0)  # fmt: skip
        self.Plan._cron_generate_counts()
        count = self._plan_counts(plan)
        self.assertEqual((count.recount_qty, count.recount_value), (5.0, 0.0), "the plan's recount rules")
        count.action_start()
        self.assertEqual(count.line_ids.product_id, self.formula, "formula is in a sub-category")
        self.assertEqual(count.line_ids.lot_id, self.lot1 | self.lot2)

    def test_location_plan_counts_its_locations_of_each_store(self):
        shelf_1 = self._shelf(self.wh_a)
        self._put(self.lot1, shelf_1, 4)
        plan = self._plan(kind="location", location_ids=[Command.set(shelf_1.ids)], next_date=TODAY)
        count = plan._generate_counts(TODAY)
        count.action_start()
        self.assertEqual(count.location_ids, shelf_1)
        self.assertRecordValues(count.line_ids, [{"location_id": shelf_1.id, "lot_id": self.lot1.id}])
        self.assertEqual(count.line_ids.sudo().expected_qty, 4.0)

    def test_bad_plan_is_logged_and_the_others_go_on(self):
        # a location plan for A and B naming only a location of A: B's count cannot be made
        bad = self._plan(
            name="Shelf audit",
            kind="location",
            store_ids=[Command.set((self.store_a | self.store_b).ids)],
            location_ids=[Command.set(self.shelf_a.ids)],
            next_date=TODAY,
        )
        good = self._plan(name="Monthly", next_date=TODAY)
        with self.assertLogs("odoo.addons.chain_stock_count.models.chain_stock_count_plan", "WARNING"):
            self.Plan._cron_generate_counts()
        self.assertIn("Test Store B", bad.last_error)
        self.assertEqual(bad.next_date, TODAY, "retried tomorrow")
        self.assertFalse(self._plan_counts(bad), "the plan's counts are rolled back together")
        self.assertIn("failed", bad.message_ids[:1].body)
        self.assertEqual(len(self._plan_counts(good)), 1)
        self.assertFalse(good.last_error)

    def _sell(self, product, qty):
        customers = self.env.ref("stock.stock_location_customers")
        picking = self._transfer(self.wh_a.out_type_id, self.shelf_a, customers, qty, product)
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def test_abc_plan_counts_the_classes_due(self):
        products = self.env["product.product"].create(
            [{"name": f"Diapers P{i} (test)", "is_storable": True, "standard_price": 10.0} for i in range(1, 6)]
        )
        for product, sold in zip(products, (50, 30, 12, 5, 3), strict=True):
            self.env["stock.quant"]._update_available_quantity(product, self.shelf_a, 200)
            self._sell(product, sold)
        # a big sale of P5 long ago does not count
        old = self._sell(products[4], 100)
        old.move_ids.write({"date": fields.Datetime.now() - timedelta(days=100)})
        plan = self._plan(kind="abc", next_date_a=TODAY, next_date_b=TODAY + timedelta(days=9),
                          next_date_c=TODAY + timedelta(days=9))  # fmt: skip
        classes = plan._abc_classes(self.store_a, TODAY)
        self.assertEqual([classes[p.id] for p in products], ["a", "a", "b", "b", "c"])
        self.assertEqual(classes[self.formula.id], "c", "in stock, not sold")
        self.assertEqual(classes[self.product.id], "c")

        self.Plan._cron_generate_counts()
        count = self._plan_counts(plan)
        self.assertRecordValues(count, [{"kind": "abc", "abc_classes": "A", "product_ids": products[:2].ids}])
        self.assertEqual((plan.next_date_a, plan.next_date_b), (TODAY + timedelta(days=30), TODAY + timedelta(days=9)))
        count.action_start()
        self.assertEqual(count.line_ids.product_id, products[:2])
        self.assertEqual(count.line_ids.sudo().mapped("expected_qty"), [150.0, 170.0])

    def test_manual_generation_of_an_abc_plan_counts_every_class(self):
        plan = self._plan(kind="abc", next_date_a=TODAY + timedelta(days=5), next_date_b=TODAY + timedelta(days=5),
                          next_date_c=TODAY + timedelta(days=5))  # fmt: skip
        action = plan.with_user(self.manager_a).action_generate()
        count = self._plan_counts(plan)
        self.assertEqual(action["res_id"], count.id)
        self.assertEqual(count.abc_classes, "A, B, C")
        self.assertEqual(count.product_ids, self.product | self.formula)

    def test_plan_constraints(self):
        with self.assertRaises(ValidationError):
            self._plan(kind="category")
        with self.assertRaises(ValidationError):
            self._plan(kind="location")
        with self.assertRaises(ValidationError):
            self._plan(kind="abc", abc_a_percent=96, abc_b_percent=95)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._plan(interval_days=0)
