from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ChainReplenishCase


@tagged("post_install", "-at_install")
class TestOrderpointCopy(ChainReplenishCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_c = cls.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        Orderpoint = cls.env["stock.warehouse.orderpoint"]
        Orderpoint.create(
            [
                cls._rule(cls.wh_a, cls.product, 6, 24),
                cls._rule(cls.wh_a, cls.wipes, 2, 10),
                cls._rule(cls.wh_b, cls.product, 1, 2),
            ]
        )

    @classmethod
    def _rule(cls, warehouse, product, min_qty, max_qty):
        return {
            "warehouse_id": warehouse.id,
            "location_id": warehouse.lot_stock_id.id,
            "product_id": product.id,
            "product_min_qty": min_qty,
            "product_max_qty": max_qty,
            "trigger": "manual",
        }

    def _copy(self, dests, mode):
        form = Form(self.env["chain.orderpoint.copy.wizard"].with_user(self.chain_manager))
        form.source_store_id = self.store_a
        for store in dests:
            form.dest_store_ids.add(store)
        form.mode = mode
        wizard = form.save()
        wizard.action_copy()
        return wizard

    def _rules(self, store):
        rules = self.env["stock.warehouse.orderpoint"].search([("warehouse_id", "=", store.warehouse_id.id)])
        return {rule.product_id: (rule.product_min_qty, rule.product_max_qty) for rule in rules}

    def test_keep_adds_missing_rules_only(self):
        wizard = self._copy(self.store_b | self.store_c, "keep")
        self.assertEqual(self._rules(self.store_b), {self.product: (1.0, 2.0), self.wipes: (2.0, 10.0)})
        self.assertEqual(self._rules(self.store_c), {self.product: (6.0, 24.0), self.wipes: (2.0, 10.0)})
        self.assertRecordValues(wizard, [{"created_count": 3, "updated_count": 0}])

    def test_overwrite_replaces_existing_rules(self):
        wizard = self._copy(self.store_b, "overwrite")
        self.assertEqual(self._rules(self.store_b), {self.product: (6.0, 24.0), self.wipes: (2.0, 10.0)})
        self.assertRecordValues(wizard, [{"created_count": 1, "updated_count": 1}])
        self.assertEqual(self._rules(self.store_a), {self.product: (6.0, 24.0), self.wipes: (2.0, 10.0)})

    def test_copy_to_itself_or_from_an_empty_store_is_refused(self):
        with self.assertRaises(UserError):
            self.env["chain.orderpoint.copy.wizard"].create(
                {"source_store_id": self.store_a.id, "dest_store_ids": [(6, 0, self.store_a.ids)]}
            ).action_copy()
        with self.assertRaises(UserError):
            self.env["chain.orderpoint.copy.wizard"].create(
                {"source_store_id": self.store_c.id, "dest_store_ids": [(6, 0, self.store_b.ids)]}
            ).action_copy()

    def test_store_manager_edits_own_min_max_only(self):
        rule_a = self.env["stock.warehouse.orderpoint"].search(
            [("warehouse_id", "=", self.wh_a.id), ("product_id", "=", self.product.id)]
        )
        rule_a.with_user(self.manager_a).product_min_qty = 8
        self.assertEqual(rule_a.product_min_qty, 8.0)
        rules_seen = self.env["stock.warehouse.orderpoint"].with_user(self.manager_a).search([])
        self.assertFalse(rules_seen.filtered(lambda r: r.warehouse_id == self.wh_b))
