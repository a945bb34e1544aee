from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_actions import ChainCaseActionsCase


@tagged("post_install", "-at_install")
class TestCaseRecall(ChainCaseActionsCase):
    """Proof: a safety case on a lot starts a recall whose trace lists the lot's stores and customers."""

    def test_safety_case_starts_a_traced_recall(self):
        action = self.case.with_user(self.quality).action_chain_start_recall()
        recall = self.case.chain_recall_id
        self.assertEqual((action["res_model"], action["res_id"]), ("chain.recall", recall.id))
        self.assertRecordValues(recall, [{"state": "draft", "product_id": self.formula.id, "is_drill": True}])
        self.assertEqual(recall.lot_ids, self.bad)
        self.assertIn(self.case.number, recall.reason)
        self.assertNotIn("Rash after two days", recall.reason, "no health details on the recall")
        # the trace: both stores that sold the lot, and their known customers
        self.assertEqual(recall.store_ids, self.store_a | self.store_b)
        customers = {(line.partner_id, line.store_id) for line in recall.customer_line_ids}
        self.assertLessEqual(
            {(self.wang.partner_id, self.store_a), (self.customer_b, self.store_b)},
            customers,
        )
        self.assertFalse(self.bad.chain_blocked, "a draft recall: the recall manager launches it")
        # again: the same recall
        self.case.with_user(self.chain_manager).action_chain_start_recall()
        self.assertEqual(self.env["chain.recall"].search_count([("lot_ids", "in", self.bad.ids)]), 1)

    def test_recall_manager_launches_it(self):
        # a chain manager is a recall manager (HQ); recall managers of no store see no case
        self.case.with_user(self.chain_manager).action_chain_start_recall()
        recall = self.case.chain_recall_id
        recall.with_user(self.chain_manager).action_launch()
        self.assertTrue(self.bad.chain_blocked)

    def test_only_quality_and_recall_managers(self):
        for user in (self.staff_a, self.manager_a, self.staff_b):
            with self.assertRaises(AccessError):
                self.case.with_user(user).action_chain_start_recall()
        self.assertFalse(self.case.chain_recall_id)

    def test_a_service_case_or_no_lot_starts_nothing(self):
        service = self._case(category=self.categ_service)
        with self.assertRaisesRegex(UserError, "quality, safety or allergy"):
            service.with_user(self.quality).action_chain_start_recall()
        no_lot = self._case(chain_lot_id=False)
        with self.assertRaisesRegex(UserError, "lot"):
            no_lot.with_user(self.quality).action_chain_start_recall()
