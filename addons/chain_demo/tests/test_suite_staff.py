from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.chain_hr_rota.tests.common import RotaCase


@tagged("post_install", "-at_install")
class TestShiftSwapApprovalRule(RotaCase):
    """A consultant's approval rule on shift swaps (chain_approval + chain_hr_rota, no code): a
    submitted swap waits for the rule's reviewer; nobody approves it around the rule, over the
    button's method; the last review swaps the employees of the shifts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env["chain.approval.rule"].create(
            {
                "name": "Shift swaps",
                "model_id": cls.env["ir.model"]._get_id("chain.hr.shift.swap"),
                "method_name": "action_approve",
                "request_method": "action_submit",
                "store_field": "store_id",
                "tier_ids": [(0, 0, {"name": "Region manager", "approver_type": "region_manager"})],
            }
        )
        cls.rota = cls._rota(cls.store_a, [(cls.li, 0, cls.early), (cls.wang, 1, cls.late)])
        cls.rota.action_publish()
        cls.li_mon = cls.rota.line_ids.filtered(lambda line: line.employee_id == cls.li)
        cls.wang_tue = cls.rota.line_ids.filtered(lambda line: line.employee_id == cls.wang)

    def test_swap_waits_for_the_rule_then_swaps(self):
        swap = (
            self.env["chain.hr.shift.swap"]
            .with_user(self.staff_a)
            .create(
                {"line_id": self.li_mon.id, "with_employee_id": self.wang.id, "with_line_id": self.wang_tue.id,
                 "reason": "家长会"}
            )
        )  # fmt: skip
        swap.action_submit()
        self.assertEqual(swap.state, "to_approve")
        request = self.env["chain.approval.request"].search(
            [("res_model", "=", "chain.hr.shift.swap"), ("res_id", "=", swap.id), ("state", "=", "pending")]
        )
        self.assertEqual(request.review_ids.reviewer_ids, self.region_manager)
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            swap.with_user(self.manager_a).action_approve()
        self.assertEqual(self.li_mon.employee_id, self.li, "nothing swapped around the rule")
        request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual(swap.state, "approved")
        self.assertEqual((self.li_mon.employee_id, self.wang_tue.employee_id), (self.wang, self.li))

    def test_rejected_swap_is_refused(self):
        swap = (
            self.env["chain.hr.shift.swap"]
            .with_user(self.staff_a)
            .create({"line_id": self.li_mon.id, "with_employee_id": self.chen.id, "reason": "看病"})
        )
        swap.action_submit()
        request = self.env["chain.approval.request"].search(
            [("res_model", "=", "chain.hr.shift.swap"), ("res_id", "=", swap.id), ("state", "=", "pending")]
        )
        request.with_user(self.region_manager).action_chain_reject("周一人手不足")
        self.assertEqual(swap.state, "refused")
        self.assertEqual(self.li_mon.employee_id, self.li)
