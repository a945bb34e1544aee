from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainRecallCase


@tagged("post_install", "-at_install")
class TestRecallAccess(ChainRecallCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recall = cls._recall(cls)
        cls.recall.action_launch()

    def test_store_manager_sees_only_own_part(self):
        recall = self.recall.with_user(self.manager_a)
        self.assertEqual(recall.store_line_ids.store_id, self.store_a)
        self.assertEqual(recall.stock_line_ids.store_id, self.store_a)
        self.assertEqual(recall.customer_line_ids.store_id, self.store_a)
        self.assertEqual(
            self.env["chain.recall.customer"].with_user(self.staff_b).search([("recall_id", "=", self.recall.id)]),
            self.env["chain.recall.customer"],
            "store B sold only anonymously",
        )
        self.assertEqual(
            self.env["chain.recall.store"]
            .with_user(self.staff_b)
            .search([("recall_id", "=", self.recall.id)])
            .store_id,
            self.store_b,
        )

    def test_store_users_cannot_launch_close_export_or_edit_trace(self):
        recall = self.recall.with_user(self.manager_a)
        with self.assertRaises(AccessError):
            self._recall().with_user(self.manager_a).action_launch()
        with self.assertRaises(AccessError):
            recall.action_close()
        with self.assertRaises(AccessError):
            recall.action_export_xlsx()
        report = self.env.ref("chain_stock_recall.chain_recall_xlsx_report")
        with self.assertRaises(AccessError):
            report.with_user(self.manager_a)._render(report.report_name, self.recall.ids)
        with self.assertRaises(AccessError):
            recall.customer_line_ids[:1].quantity = 0
        with self.assertRaises(AccessError):
            self.env["chain.recall"].with_user(self.manager_a).create({"product_id": self.formula.id, "reason": "x"})

    def test_store_b_cannot_confirm_store_a(self):
        line_a = self.recall.store_line_ids.filtered(lambda line: line.store_id == self.store_a)
        with self.assertRaises(AccessError):
            line_a.with_user(self.staff_b).action_confirm_cleared()
        self.assertEqual(line_a.state, "todo")

    def test_store_staff_record_contacts_but_never_waive(self):
        member_line = self.recall.customer_line_ids.filtered(lambda c: c.partner_id == self.member)
        line = member_line.with_user(self.staff_a)
        line.note = "Left a voicemail"
        line.action_called()
        self.assertEqual(member_line.state, "called")
        with self.assertRaises(AccessError):
            line.state = "waived"
        with self.assertRaises(AccessError):
            line.action_waive()
        with self.assertRaises(AccessError):
            member_line.with_user(self.staff_b).action_returned()
        store_line = self.recall.store_line_ids.filtered(lambda s: s.store_id == self.store_a)
        with self.assertRaises(AccessError):
            store_line.with_user(self.staff_a).write({"state": "waived"})
        self.assertEqual((member_line.state, store_line.state), ("called", "todo"))

    def test_unrelated_store_sees_no_recall(self):
        store_c = self.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        staff_c = self._user("t_staff_c", "chain_store.group_chain_store_user", store_c)
        self.assertFalse(self.env["chain.recall"].with_user(staff_c).search([]))
