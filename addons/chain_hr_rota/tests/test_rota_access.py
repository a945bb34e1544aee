from odoo.tests import HttpCase, tagged

from .common import MONDAY, RotaCase, RpcMixin


@tagged("post_install", "-at_install")
class TestRotaAccessOverRpc(RpcMixin, HttpCase, RotaCase):
    """What the browsers of store A's manager and staff get over RPC, with store B's rota published."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rota_a = cls._rota(cls.store_a, [(cls.li, 0, cls.early), (cls.wang, 1, cls.late)])
        cls.rota_b = cls._rota(cls.store_b, [(cls.zhao, 0, cls.early)])
        cls.rota_b.action_publish()
        cls.manager_a.password = "manager-a-pass"
        cls.staff_a.password = "staff-a-pass"

    def test_store_manager_reads_no_shift_of_another_store(self):
        self.authenticate(self.manager_a.login, "manager-a-pass")
        rows = self._call("chain.hr.rota.line", "search_read", [], fields=["employee_id", "store_id"])["result"]
        self.assertEqual({r["id"] for r in rows}, set(self.rota_a.line_ids.ids))
        count = self._call("chain.hr.rota.line", "search_count", [("store_id", "=", self.store_b.id)])["result"]
        self.assertEqual(count, 0)
        self.assertRpcError(self._call("chain.hr.rota.line", "read", self.rota_b.line_ids.ids, fields=["date"]))
        self.assertRpcError(self._call("chain.hr.rota", "read", self.rota_b.ids, fields=["name"]))
        self.assertRpcError(self._call("chain.hr.rota", "chain_grid_data", self.rota_b.ids))
        groups = self._call("chain.hr.rota.line", "read_group", [], fields=["hours:sum"], groupby=["store_id"])
        self.assertEqual([g["store_id"][0] for g in groups["result"]], self.store_a.ids)

    def test_store_manager_cannot_plan_another_store_or_its_staff(self):
        self.authenticate(self.manager_a.login, "manager-a-pass")
        answer = self._call(
            "chain.hr.rota.line", "create",
            {"rota_id": self.rota_a.id, "employee_id": self.zhao.id, "date": str(MONDAY),
             "template_id": self.late.id},
        )  # fmt: skip
        self.assertRpcError(answer, "Zhao Lei is not an employee of")
        answer = self._call(
            "chain.hr.rota", "chain_grid_set_cell", self.rota_a.ids, self.zhao.id, str(MONDAY), self.late.id
        )
        self.assertRpcError(answer, "Zhao Lei is not an employee of")
        answer = self._call("chain.hr.rota", "create", {"store_id": self.store_b.id, "week_start": "2026-12-14"})
        self.assertRpcError(answer)
        self.assertRpcError(self._call("chain.hr.rota", "action_cancel", self.rota_b.ids))
        self.assertEqual(self.rota_b.state, "published")
        self.assertRpcError(
            self._call("chain.hr.rota.line", "write", self.rota_a.line_ids.ids, {"rota_id": self.rota_b.id})
        )
        self.assertEqual(self.rota_a.line_ids.store_id, self.store_a)

    def test_state_is_not_writable(self):
        self.authenticate(self.manager_a.login, "manager-a-pass")
        self.assertRpcError(self._call("chain.hr.rota", "write", self.rota_a.ids, {"state": "published"}))
        self.assertRpcError(self._call("chain.hr.rota.line", "write", self.rota_a.line_ids.ids, {"state": "cancel"}))
        self.assertRpcError(
            self._call("chain.hr.rota", "create", {"store_id": self.store_a.id, "week_start": "2026-12-14",
                                                   "state": "published"})
        )  # fmt: skip
        self.assertEqual(self.rota_a.state, "draft")
        # the button is the way: it checks the rota first
        self.assertEqual(self._call("chain.hr.rota", "action_publish", self.rota_a.ids)["result"], True)
        self.assertEqual(self.rota_a.state, "published")

    def test_staff_see_their_store_published_rota_only(self):
        self.authenticate(self.staff_a.login, "staff-a-pass")
        rows = self._call("chain.hr.rota.line", "search_read", [], fields=["employee_id"])["result"]
        self.assertEqual(rows, [], "a draft rota is not shown to the staff")
        self.rota_a.action_publish()
        rows = self._call(
            "chain.hr.rota.line", "search_read", [("employee_id.user_id", "=", self.staff_a.id)], fields=["date"]
        )["result"]
        self.assertEqual(
            [r["id"] for r in rows], self.rota_a.line_ids.filtered(lambda rec: rec.employee_id == self.li).ids
        )
        everyone = self._call("chain.hr.rota.line", "search_read", [], fields=["store_id"])["result"]
        self.assertEqual({r["id"] for r in everyone}, set(self.rota_a.line_ids.ids))
        self.assertRpcError(self._call("chain.hr.rota", "action_reset_draft", self.rota_a.ids))
        self.assertRpcError(self._call("chain.hr.rota.line", "unlink", self.rota_a.line_ids.ids))
