from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainCountCase


@tagged("post_install", "-at_install")
class TestCountAccess(ChainCountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.count_a = cls.Count.with_user(cls.staff_a).create({"store_id": cls.store_a.id})
        cls.count_a.action_start()
        cls.line_a = cls.count_a.line_ids[:1]
        cls.manager_b = cls._user("t_manager_b", "chain_store.group_chain_store_manager", cls.store_b)

    def test_count_of_another_store_is_refused(self):
        Count = self.Count.with_user(self.staff_b)
        self.assertFalse(Count.search([("id", "=", self.count_a.id)]))
        with self.assertRaises(AccessError):
            self.count_a.with_user(self.staff_b).read(["name"])
        with self.assertRaises(AccessError):
            self.count_a.with_user(self.staff_b).action_submit()
        with self.assertRaises(AccessError):
            Count.create({"store_id": self.store_a.id})

    def test_line_of_another_store_is_refused(self):
        Line = self.env["chain.stock.count.line"].with_user(self.staff_b)
        self.assertFalse(Line.search([("count_id", "=", self.count_a.id)]))
        with self.assertRaises(AccessError):
            self.line_a.with_user(self.staff_b).read(["counted_qty"])
        with self.assertRaises(AccessError):
            self.line_a.with_user(self.staff_b).counted_qty = 1
        with self.assertRaises(AccessError):
            Line.create({"count_id": self.count_a.id, "product_id": self.product.id, "location_id": self.shelf_a.id})
        self.assertFalse(self.line_a.is_counted)

    def test_manager_of_another_store_cannot_approve(self):
        self.count_a.with_user(self.staff_a).action_set_uncounted_zero()
        self.count_a.with_user(self.staff_a).action_submit()
        self.count_a.line_ids.filtered("recount_required").with_user(self.staff_a).write({"recount_qty": 0})
        self.count_a.with_user(self.staff_a).action_submit()
        self.assertEqual(self.count_a.state, "to_approve")
        with self.assertRaises(AccessError):
            self.count_a.with_user(self.manager_b).action_approve()
        # the region manager of store A's region may
        self.count_a.with_user(self.region_manager).action_approve()
        self.assertEqual(self.count_a.approved_by_id, self.region_manager)

    def test_plan_of_another_store_is_refused(self):
        plan_a = self._plan(name="Store A monthly")
        plan_ab = self._plan(name="Chain quarterly", store_ids=[Command.set((self.store_a | self.store_b).ids)])
        Plan = self.Plan.with_user(self.staff_b)
        self.assertEqual(Plan.search([("id", "in", (plan_a | plan_ab).ids)]), plan_ab)
        with self.assertRaises(AccessError):
            plan_a.with_user(self.staff_b).read(["name"])
        # a store manager reads the chain plan covering their store, and changes only their own
        self.assertEqual(plan_ab.with_user(self.manager_a).name, "Chain quarterly")
        with self.assertRaises(AccessError):
            plan_ab.with_user(self.manager_a).interval_days = 7
        plan_a.with_user(self.manager_a).interval_days = 7
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.manager_a).create({"name": "B", "store_ids": [Command.set(self.store_b.ids)]})
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.staff_a).create({"name": "A", "store_ids": [Command.set(self.store_a.ids)]})
        with self.assertRaises(AccessError):
            plan_a.with_user(self.manager_b).action_generate()

    def test_chain_manager_sees_every_store(self):
        count_b = self._count(self.store_b, self.staff_b)
        counts = self.Count.with_user(self.chain_manager).search([("id", "in", (self.count_a | count_b).ids)])
        self.assertEqual(counts, self.count_a | count_b)
