from odoo.tests import HttpCase, tagged

from .common import ChainCommissionCase


@tagged("post_install", "-at_install")
class TestCommissionAccessOverRpc(HttpCase, ChainCommissionCase):
    """What another store's people get over RPC: nothing of store A's commission."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._seed_march()
        cls.statement_a = cls.env["chain.commission.statement"].create({"store_id": cls.store_a.id,
                                                                        "month": cls.march})  # fmt: skip
        cls.statement_a.action_compute()
        cls.manager_b = cls._user("t_manager_b", "chain_store.group_chain_store_manager")
        cls.store_b.manager_id = cls.manager_b

    def _login(self, user):
        user.password = f"{user.login}-pass"
        self.authenticate(user.login, f"{user.login}-pass")

    def test_other_store_reads_zero(self):
        for user in (self.staff_b, self.manager_b):
            self._login(user)
            for model in ("chain.commission.statement", "chain.commission.statement.line",
                          "chain.commission.statement.detail", "chain.commission.target"):  # fmt: skip
                self.assertEqual(self._call(model, "search_count", [])["result"], 0, (user.login, model))
            self.assertRpcError(self._call("chain.commission.statement", "read", self.statement_a.ids,
                                           fields=["total"]))  # fmt: skip
            self.assertRpcError(self._call("chain.commission.statement", "action_compute", self.statement_a.ids))
            lines = self._call("pos.order.line", "search_read", [("chain_guide_id", "!=", False)],
                               fields=["chain_guide_id"])["result"]  # fmt: skip
            self.assertEqual({line["chain_guide_id"][0] for line in lines}, {self.emp_b1.id})

    def test_store_manager_cannot_approve_by_writing(self):
        self._login(self.manager_a)
        self.assertEqual(self._call("chain.commission.statement", "search_count", [])["result"], 1)
        self.assertRpcError(self._call("chain.commission.statement", "write", self.statement_a.ids,
                                       {"state": "approved"}))  # fmt: skip
        self.assertRpcError(self._call("chain.commission.statement.line", "write", self.statement_a.line_ids.ids,
                                       {"total": 9999}))  # fmt: skip
        self.assertRpcError(self._call("chain.commission.statement", "action_approve", self.statement_a.ids))
        self.statement_a.invalidate_recordset()
        self.assertEqual(self.statement_a.state, "draft")
        self.assertEqual(
            self._call("chain.commission.statement", "action_submit", self.statement_a.ids)["result"], True
        )
        self.assertRpcError(self._call("chain.commission.statement", "action_approve", self.statement_a.ids))

    def test_a_guide_reads_only_their_own_commission(self):
        """Pay is personal: a guide of store A reads their own statement lines, not a colleague's;
        the store manager reads every line of the store."""
        self._login(self.staff_a)
        for model in ("chain.commission.statement.line", "chain.commission.statement.detail"):
            rows = self._call(model, "search_read", [], fields=["employee_id"])["result"]
            self.assertEqual({row["employee_id"][0] for row in rows}, {self.emp_a1.id}, model)
        colleague = self.statement_a.line_ids.filtered(lambda line: line.employee_id == self.emp_a2)
        self.assertTrue(colleague)
        self.assertRpcError(self._call("chain.commission.statement.line", "read", colleague.ids, fields=["total"]))
        self._login(self.manager_a)
        rows = self._call("chain.commission.statement.line", "search_read", [], fields=["employee_id"])["result"]
        self.assertEqual({row["employee_id"][0] for row in rows}, set(self.statement_a.line_ids.employee_id.ids))
