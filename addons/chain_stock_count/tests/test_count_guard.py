from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainCountCase


@tagged("post_install", "-at_install")
class TestCountGuard(ChainCountCase):
    """A count's approval and application are its managers' buttons, whatever a counter calls."""

    def test_counter_cannot_write_the_approval_or_the_application(self):
        count = self._started(user=self.manager_a, recount_qty=0, recount_value=0)
        staff = count.with_user(self.staff_a)
        staff.action_set_uncounted_zero()
        line = self._line(staff, self.product)
        for vals in (
            {"approved_by_id": self.staff_a.id},
            {"approved_date": "2026-01-01 00:00:00"},
            {"done_date": "2026-01-01 00:00:00"},
            {"started_by_id": self.manager_a.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                staff.write(vals)
        with self.assertRaises(AccessError):
            line.expected_qty = 0.0
        staff.action_submit()
        self.assertEqual(count.state, "to_approve")
        with self.assertRaises(AccessError):
            staff.action_approve()
        with self.assertRaises(AccessError):
            count.with_user(self.staff_b).action_approve()  # another store
        self.assertFalse(count.approved_by_id)
        self.assertEqual(count.state, "to_approve")
