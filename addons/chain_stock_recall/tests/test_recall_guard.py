from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainRecallCase


@tagged("post_install", "-at_install")
class TestRecallGuard(ChainRecallCase):
    """A recall and its tasks move only through their actions, whoever writes (issue 20)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recall = cls._recall(cls)
        cls.recall.with_user(cls.recall_manager).action_launch()

    def test_recall_manager_cannot_close_by_writing(self):
        recall = self.recall.with_user(self.recall_manager)
        with self.assertRaises(UserError):
            recall.action_close()  # open tasks
        for vals in ({"state": "done"}, {"state": "draft"}, {"closed_date": "2026-01-01 00:00:00"},
                     {"stock_qty": 0}, {"is_drill": True}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                recall.write(vals)
        self.assertEqual(self.recall.state, "launched")
        with self.assertRaises(AccessError):
            self.env["chain.recall"].with_user(self.recall_manager).create(
                {"product_id": self.formula.id, "reason": "x", "state": "done"}
            )

    def test_tasks_only_through_their_actions(self):
        store_line = self.recall.store_line_ids.filtered(lambda s: s.store_id == self.store_a)
        customer = self.recall.customer_line_ids[:1]
        for user in (self.recall_manager, self.chain_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    store_line.with_user(user).write({"state": "cleared"})
                with self.assertRaises(AccessError):
                    store_line.with_user(user).write({"on_hand_qty": 0})
                with self.assertRaises(AccessError):
                    customer.with_user(user).write({"state": "refunded"})
        self.assertEqual((store_line.state, customer.state), ("todo", "todo"))
        store_line.with_user(self.staff_a).action_confirm_cleared()
        self.assertEqual(store_line.state, "cleared")
        customer.with_user(self.recall_manager).action_refunded()
        self.assertEqual(customer.state, "refunded")

    def test_copy_of_a_launched_recall_is_a_draft(self):
        self.assertEqual(self.recall.with_user(self.recall_manager).copy().state, "draft")


@tagged("post_install", "-at_install")
class TestRecallGuardOverRpc(HttpCase, ChainRecallCase):
    def test_recall_manager_over_rpc(self):
        recall = self._recall()
        recall.with_user(self.recall_manager).action_launch()
        self.recall_manager.password = "recall-pass"
        self.authenticate(self.recall_manager.login, "recall-pass")
        for model, ids, vals in (
            ("chain.recall", recall.ids, {"state": "done"}),
            ("chain.recall.store", recall.store_line_ids.ids, {"state": "waived"}),
        ):
            with (
                self.subTest(model=model),
                self.assertRaises(JsonRpcException),
                self.assertLogs("odoo.http", "WARNING"),
            ):
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/write",
                    {"model": model, "method": "write", "args": [ids, vals], "kwargs": {}},
                )
        self.assertEqual(recall.state, "launched")
        self.assertEqual(set(recall.store_line_ids.mapped("state")), {"todo"})
