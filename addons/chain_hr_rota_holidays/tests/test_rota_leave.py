from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.chain_hr_rota.tests.common import MONDAY, RotaCase


@tagged("post_install", "-at_install")
class TestRotaLeave(RotaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leave_type = cls.env["hr.leave.type"].create(
            {"name": "Paid leave (test)", "requires_allocation": "no", "leave_validation_type": "no_validation"}
        )

    def _leave(self, employee, day_from, day_to):
        return self.env["hr.leave"].create(
            {
                "employee_id": employee.id,
                "holiday_status_id": self.leave_type.id,
                "request_date_from": day_from,
                "request_date_to": day_to,
            }
        )

    def test_leave_blocks_publishing_and_shows_on_the_shift(self):
        rota = self._rota(self.store_a, [(self.li, 1, self.night), (self.li, 3, self.early), (self.wang, 1, self.late)])
        leave = self._leave(self.li, MONDAY + timedelta(days=1), MONDAY + timedelta(days=1))
        self.assertEqual(leave.state, "validate")
        li_tue = rota.line_ids.filtered(lambda rec: rec.employee_id == self.li and rec.date == date(2026, 12, 8))
        # a night shift on the day of leave is caught too (the leave covers the working hours only)
        self.assertEqual(li_tue.warning, "On time off (Paid leave (test)): the rota cannot be published.")
        self.assertEqual((rota.line_ids - li_tue).mapped("warning"), [False, False])
        with self.assertRaisesRegex(UserError, "Li Na is on time off on 2026-12-08"):
            rota.action_publish()
        # a refused or cancelled leave no longer blocks
        leave.action_refuse()
        rota.invalidate_recordset()
        rota.action_publish()
        self.assertEqual(rota.state, "published")

    def test_leave_on_another_day_does_not_block(self):
        rota = self._rota(self.store_a, [(self.li, 0, self.early)])
        self._leave(self.li, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4))
        self.assertFalse(rota.line_ids.warning)
        rota.action_publish()
        self.assertEqual(rota.state, "published")
