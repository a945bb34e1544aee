from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ChainCommissionCase


class TestGuide(ChainCommissionCase):
    def test_default_guide_is_the_employee_at_the_till(self):
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, None)],
                           employee=self.emp_a2)  # fmt: skip
        self.assertEqual(order.lines.chain_guide_id, self.emp_a2)

    def test_default_skips_an_employee_of_another_store(self):
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, None)],
                           employee=self.emp_b1)  # fmt: skip
        self.assertFalse(order.lines.chain_guide_id)

    def test_guide_of_another_store_refused(self):
        with self.assertRaisesRegex(ValidationError, "is not an employee of"):
            self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, self.emp_b1)])
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, self.emp_a1)])
        with self.assertRaisesRegex(ValidationError, "is not an employee of"):
            order.lines.chain_guide_id = self.emp_hq
        self.emp_a3.action_archive()
        with self.assertRaisesRegex(ValidationError, "is not an employee of"):
            order.lines.chain_guide_id = self.emp_a3

    def test_sold_line_guide_changed_by_store_manager_only_until_approval(self):
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, self.emp_a2)])
        with self.assertRaises(AccessError):
            order.lines.with_user(self.staff_a).chain_guide_id = self.emp_a1
        order.lines.with_user(self.manager_a).chain_guide_id = self.emp_a1
        self.assertEqual(order.lines.chain_guide_id, self.emp_a1)
        march = self.env["chain.commission.statement"].create({"store_id": self.store_a.id, "month": self.march})
        march.action_compute()
        march.action_submit()
        march.action_approve()
        with self.assertRaisesRegex(UserError, "approved and locked"):
            order.lines.with_user(self.manager_a).chain_guide_id = self.emp_a3
