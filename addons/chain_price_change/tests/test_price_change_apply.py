from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChainPriceChangeCase


@tagged("post_install", "-at_install")
class TestPriceChangeApply(ChainPriceChangeCase):
    def _cron(self):
        self.env["chain.price.change"]._cron_apply()

    def test_list_price_applies_on_the_effective_date(self):
        with freeze_time("2026-03-02 10:00:00"):
            change = self._approved({self.formula: 179.0, self.diapers: 95.0}, scope="list_price",
                                    user=self.chain_manager, effective_date="2026-03-05")  # fmt: skip
            self._cron()
        self.assertEqual(change.state, "approved")
        self.assertEqual(self.formula.list_price, 199.0)
        with freeze_time("2026-03-05 01:00:00"):
            self._cron()
        self.assertEqual(change.state, "done")
        self.assertEqual(self.formula.list_price, 179.0)
        self.assertEqual(self.diapers.list_price, 95.0)
        with freeze_time("2026-03-06 01:00:00"):
            self._cron()  # idempotent: nothing applied twice
        self.assertEqual(len(change.line_ids.product_id.product_tmpl_id.chain_price_history_ids), 2)

    def test_change_applies_when_its_day_has_come_where_it_was_requested(self):
        """00:40 in Shanghai on 6 March is still 5 March in UTC, where the job runs: a Shanghai change
        for 6 March applies then, not a day late (it failed so in CI between 16:00 and 24:00 UTC)."""
        with freeze_time("2026-03-02 10:00:00"):
            change = self._approved({self.formula: 179.0}, effective_date="2026-03-06")
        with freeze_time("2026-03-05 15:50:00"):  # 23:50 in Shanghai
            self._cron()
        self.assertEqual(change.state, "approved", "not before its day in Shanghai")
        with freeze_time("2026-03-05 16:40:00"):  # 00:40 on 6 March in Shanghai
            self._cron()
        self.assertEqual(change.state, "done")
        self.assertEqual(self._items(self.pricelist_a, self.formula).fixed_price, 179.0)

    def test_pricelist_item_created_then_updated(self):
        with freeze_time("2026-03-02 10:00:00"):
            first = self._approved({self.formula: 189.0}, effective_date="2026-03-03")
        with freeze_time("2026-03-03 10:00:00"):
            self._cron()
            self.assertEqual(first.state, "done")
            item = self._items(self.pricelist_a, self.formula)
            self.assertRecordValues(
                item,
                [{"compute_price": "fixed", "fixed_price": 189.0, "applied_on": "0_product_variant",
                  "date_start": datetime(2026, 3, 2, 16, 0), "date_end": False}],
            )  # fmt: skip
            self.assertEqual(self.pricelist_a._get_product_price(self.formula, 1.0), 189.0)
            second = self._approved({self.formula: 175.0}, effective_date="2026-03-10")
        with freeze_time("2026-03-10 10:00:00"):
            self._cron()
            self.assertEqual(second.state, "done")
            old, new = self._items(self.pricelist_a, self.formula)
            self.assertEqual(old.date_end, datetime(2026, 3, 9, 15, 59, 59))
            self.assertEqual(new.fixed_price, 175.0)
            self.assertEqual(self.pricelist_a._get_product_price(self.formula, 1.0), 175.0)
            # a second change effective the same day updates the same item
            third = self._approved({self.formula: 172.0}, effective_date="2026-03-10")
            third.with_user(self.manager_a).action_apply_now()
            self.assertEqual(len(self._items(self.pricelist_a, self.formula)), 2)
            self.assertEqual(self.pricelist_a._get_product_price(self.formula, 1.0), 172.0)
        self.assertEqual(self.formula.list_price, 199.0)  # the chain-wide price did not move

    def test_archived_product_error_recorded_others_applied(self):
        with freeze_time("2026-03-02 10:00:00"):
            broken = self._approved({self.formula: 179.0, self.diapers: 80.0})
            self.store_b.pricelist_id = self.pricelist_zj
            fine = self._approved({self.formula: 185.0}, user=self.manager_b, store_id=self.store_b.id,
                                  approver=self.manager_b)  # fmt: skip
            self.diapers.active = False
            self._cron()
        self.assertEqual(broken.state, "approved")
        self.assertIn("Diapers M (test)", broken.apply_error)
        self.assertIn("Not applied", broken.message_ids[0].body)
        self.assertFalse(self._items(self.pricelist_a, self.formula), "nothing of the failed change applied")
        self.assertEqual(fine.state, "done")
        self.assertEqual(self._items(self.pricelist_zj, self.formula).fixed_price, 185.0)
        # fixed, the next run applies it and clears the error
        self.diapers.active = True
        with freeze_time("2026-03-03 10:00:00"):
            self._cron()
        self.assertRecordValues(broken, [{"state": "done", "apply_error": False}])

    def test_apply_now_only_when_effective(self):
        with freeze_time("2026-03-02 10:00:00"):
            change = self._approved({self.formula: 179.0}, effective_date="2026-03-04")
            with self.assertRaisesRegex(UserError, "not before"):
                change.with_user(self.manager_a).action_apply_now()
            self.assertEqual(change.state, "approved")
