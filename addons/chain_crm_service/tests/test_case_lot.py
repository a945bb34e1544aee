from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainCaseCase


@tagged("post_install", "-at_install")
class TestCaseLot(ChainCaseCase):
    """Lots of a case: their supplier, the store that never sold them, the alert on N cases."""

    def test_supplier_is_the_vendor_of_the_lot_receipt(self):
        case = self._case(user=self.staff_a)
        self.assertEqual(case.chain_supplier_id, self.supplier)
        self.assertFalse(self._case(lot=self.env["stock.lot"]).chain_supplier_id)

    def test_a_store_that_never_sold_the_lot_is_warned_not_refused(self):
        sold_at_a = self._case(user=self.staff_a, lot=self.good)
        self.assertFalse(sold_at_a.chain_lot_warning)
        sold_at_b_till = self._case(user=self.staff_b, store=self.store_b, lot=self.bad)
        self.assertFalse(sold_at_b_till.chain_lot_warning)
        never_sold = self._case(user=self.staff_b, store=self.store_b, lot=self.good)
        self.assertTrue(never_sold.exists())
        self.assertIn("never sold lot F-GOOD", never_sold.chain_lot_warning)
        never_sold.with_user(self.staff_b).chain_lot_id = self.bad
        self.assertFalse(never_sold.chain_lot_warning)

    def test_lot_threshold_raises_a_todo_once_per_window(self):
        self.env.company.chain_case_lot_threshold = 3
        todo = self.env.ref("mail.mail_activity_data_todo")
        with freeze_time("2026-03-02 09:00:00"):
            self._case(user=self.staff_a)
            self._case(user=self.staff_b, store=self.store_b)
            self.assertFalse(self._activities(self.bad, todo))
            self._case(user=self.staff_a, lot=self.good)  # another lot does not count
            self.assertFalse(self._activities(self.bad, todo))
            self._case(user=self.staff_a)
        alerts = self._activities(self.bad, todo)
        self.assertEqual(set(alerts), {self.quality, self.quality_2})
        self.assertIn("3 cases in 30 days", alerts[self.quality])
        self.assertEqual(self.bad.with_user(self.quality).read(["name"])[0]["name"], "F-BAD")  # opens its to-do
        with freeze_time("2026-03-20 09:00:00"):
            self._case(user=self.staff_a)
        self.assertEqual(self._activity_count(self.bad, todo), 2)
        # a month later the count starts again
        with freeze_time("2026-04-25 09:00:00"):
            self._case(user=self.staff_a)
            self._case(user=self.staff_a)
            self.assertEqual(self._activity_count(self.bad, todo), 2)
            self._case(user=self.staff_a)
        self.assertEqual(self._activity_count(self.bad, todo), 4)

    def test_nobody_sets_the_alert_date_by_hand(self):
        with self.assertRaises(AccessError):
            self.bad.with_user(self.chain_manager).chain_case_alert_date = "2026-01-01 00:00:00"
