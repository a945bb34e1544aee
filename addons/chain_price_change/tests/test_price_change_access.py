from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainPriceChangeCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02 10:00:00")
class TestPriceChangeAccess(ChainPriceChangeCase):
    def test_store_sees_own_and_chain_wide_changes_only(self):
        change_a = self._change({self.formula: 179.0})
        chain_wide = self._change({self.formula: 189.0}, scope="list_price", user=self.chain_manager)
        region_zj = self._change({self.formula: 185.0}, user=self.chain_manager, pricelist_target="region",
                                 region_id=self.region_zj.id)  # fmt: skip
        Change = self.env["chain.price.change"]
        self.assertEqual(Change.with_user(self.staff_a).search([]), change_a | chain_wide)
        self.assertEqual(Change.with_user(self.staff_b).search([]), chain_wide | region_zj)
        with self.assertRaises(AccessError):
            change_a.with_user(self.staff_b).read(["name"])
        with self.assertRaises(AccessError):
            change_a.line_ids.with_user(self.staff_b).read(["new_price"])

    def test_other_store_manager_cannot_create_or_write(self):
        with self.assertRaises(AccessError):
            self._change({self.formula: 179.0}, user=self.manager_b)  # store A is not theirs
        change_a = self._change({self.formula: 179.0})
        with self.assertRaises(AccessError):
            change_a.with_user(self.manager_b).write({"reason": "mine now"})
        with self.assertRaises(AccessError):
            change_a.line_ids.with_user(self.manager_b).write({"new_price": 1.0})
        with self.assertRaises(AccessError):
            change_a.with_user(self.staff_a).write({"reason": "staff only reads"})

    def test_only_chain_manager_changes_list_prices(self):
        with self.assertRaises(AccessError):
            self._change({self.formula: 179.0}, scope="list_price", user=self.manager_a)

    def test_history_follows_store_scope(self):
        change = self._approved({self.formula: 179.0}, approver=self.manager_a)
        change.with_user(self.manager_a).action_apply_now()
        History = self.env["chain.price.history"]
        self.assertTrue(History.with_user(self.staff_a).search([("change_id", "=", change.id)]))
        self.assertFalse(History.with_user(self.staff_b).search([("change_id", "=", change.id)]))
