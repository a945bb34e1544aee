from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MONDAY, RotaCase, utc


@tagged("post_install", "-at_install")
class TestShiftSwap(RotaCase):
    """Store A's published week: Li early on Monday, Wang late on Monday and Tuesday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rota = cls._rota(cls.store_a, [(cls.li, 0, cls.early), (cls.wang, 0, cls.late), (cls.wang, 1, cls.late)])
        cls.rota.action_publish()
        cls.li_mon = cls.rota.line_ids.filtered(lambda rec: rec.employee_id == cls.li)
        cls.wang_mon, cls.wang_tue = cls.rota.line_ids.filtered(lambda rec: rec.employee_id == cls.wang).sorted("date")

    def _swap(self, line, with_employee, with_line=None, user=None):
        return (
            self.env["chain.hr.shift.swap"]
            .with_user(user or self.staff_a)
            .create(
                {
                    "line_id": line.id,
                    "with_employee_id": with_employee.id,
                    "with_line_id": with_line.id if with_line else False,
                    "reason": "Child's school meeting",
                }
            )
        )

    def test_swap_two_shifts_of_one_day(self):
        swap = self._swap(self.li_mon, self.wang, self.wang_mon)
        self.assertEqual(swap.employee_id, self.li)
        swap.action_submit()
        self.assertEqual(swap.state, "to_approve")
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            swap.action_approve()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            swap.write({"state": "approved"})
        swap.with_user(self.manager_a).action_approve()
        self.assertRecordValues(swap, [{"state": "approved", "approved_by_id": self.manager_a.id}])
        self.assertEqual(self.li_mon.employee_id, self.wang)
        self.assertEqual(self.wang_mon.employee_id, self.li)
        self.assertEqual(self.wang_mon.start_datetime, utc(MONDAY, 13), "the shift keeps its time")

    def test_approval_checks_the_conflicts_again(self):
        # Wang already works Monday 13:00-21:00: taking Li's 09:00-17:00 overlaps
        swap = self._swap(self.li_mon, self.wang)
        swap.action_submit()
        with self.assertRaisesRegex(ValidationError, "two shifts overlap"), self.env.cr.savepoint():
            swap.with_user(self.manager_a).action_approve()
        self.assertEqual(swap.state, "to_approve")
        self.assertEqual(self.li_mon.employee_id, self.li)
        swap.with_user(self.manager_a).action_refuse()
        self.assertEqual(swap.state, "refused")
        # handed over to Chen, who is free
        other = self._swap(self.li_mon, self.chen)
        other.action_submit()
        other.with_user(self.manager_a).action_approve()
        self.assertEqual(self.li_mon.employee_id, self.chen)

    def test_bad_swaps(self):
        with self.assertRaisesRegex(UserError, "Zhao Lei is not an employee of"), self.env.cr.savepoint():
            self._swap(self.li_mon, self.zhao).action_submit()
        with self.assertRaisesRegex(UserError, "not Chen Jie's"), self.env.cr.savepoint():
            self._swap(self.li_mon, self.chen, self.wang_tue).action_submit()
        # only the employee (or their manager) asks for a swap of their shift
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._swap(self.wang_mon, self.chen).action_submit()
        self.rota.action_reset_draft()
        with self.assertRaisesRegex(UserError, "published rota"), self.env.cr.savepoint():
            self._swap(self.li_mon, self.chen).action_submit()

    def test_withdrawn_approval_refuses_the_swap(self):
        swap = self._swap(self.li_mon, self.chen)
        swap.action_submit()
        swap.sudo()._chain_approval_withdrawn(self.env["res.users"])
        self.assertEqual(swap.state, "refused")
        swap.action_reset_draft()
        swap.action_cancel()
        self.assertEqual(swap.state, "cancel")
