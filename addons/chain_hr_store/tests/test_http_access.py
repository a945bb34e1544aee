from odoo.tests import HttpCase, tagged

from .common import ChainHrStoreCase
from .test_access import PRIVATE_SAMPLES


@tagged("post_install", "-at_install")
class TestHrStoreAccessOverRpc(HttpCase, ChainHrStoreCase):
    """What a store manager's browser can get over RPC: their own store's staff, no private data."""

    def setUp(self):
        super().setUp()
        self.manager_a.password = "manager-a-pass"
        self.authenticate(self.manager_a.login, "manager-a-pass")

    def test_employees_of_other_stores_are_invisible(self):
        rows = self._call("hr.employee", "search_read", [], fields=["name", "chain_store_id"])["result"]
        # their store's staff, and the head office's (read only: the chain's POS managers log in at every till)
        stores = {r["chain_store_id"] and r["chain_store_id"][0] for r in rows}
        self.assertEqual(stores, {self.store_a.id, False})
        self.assertTrue({self.emp_a1.id, self.emp_a2.id, self.emp_hq.id} <= {r["id"] for r in rows})
        count = self._call("hr.employee", "search_count", [("chain_store_id", "=", self.store_b.id)])["result"]
        self.assertEqual(count, 0)
        self.assertRpcError(self._call("hr.employee", "read", [self.emp_b1.id], fields=["name"]))
        public = self._call("hr.employee.public", "search_read", [("chain_store_id", "!=", False)], fields=["name"])
        self.assertEqual({r["id"] for r in public["result"]}, {self.emp_a1.id, self.emp_a2.id})
        self.assertRpcError(self._call("hr.employee", "write", [self.emp_hq.id], {"name": "Renamed"}))

    def test_no_private_field_of_own_staff(self):
        for name in PRIVATE_SAMPLES:
            self.assertRpcError(self._call("hr.employee", "read", [self.emp_a1.id], fields=[name]))
            self.assertRpcError(self._call("hr.employee", "write", [self.emp_a1.id], {name: "1"}))
        answer = self._call("hr.employee", "web_read", [self.emp_a1.id], specification={"name": {}, "pin": {}})
        self.assertRpcError(answer)
        groups = self._call(
            "hr.employee", "read_group", [], fields=["identification_id:count_distinct"], groupby=["chain_store_id"]
        )
        self.assertRpcError(groups)
        # searching on a private field would leak it one character at a time
        self.assertRpcError(self._call("hr.employee", "search", [("identification_id", "like", "3101")]))

    def test_cannot_steal_or_give_away_staff(self):
        self.assertRpcError(self._call("hr.employee", "write", [self.emp_b1.id], {"chain_store_id": self.store_a.id}))
        self.assertRpcError(self._call("hr.employee", "write", [self.emp_a1.id], {"chain_store_id": self.store_b.id}))
        self.assertEqual((self.emp_a1 | self.emp_b1).chain_store_id, self.store_a | self.store_b)
        self.assertRpcError(self._call("hr.employee", "unlink", [self.emp_a2.id]))
        self.assertTrue(self.emp_a2.exists())

    def test_attendances_of_other_stores_are_invisible(self):
        Attendance = self.env["hr.attendance"]
        att_a, att_b = Attendance.create(
            [
                {"employee_id": self.emp_a1.id, "check_in": "2026-12-01 01:00:00", "check_out": "2026-12-01 09:00:00"},
                {"employee_id": self.emp_b1.id, "check_in": "2026-12-01 01:00:00", "check_out": "2026-12-01 09:00:00"},
            ]
        )
        rows = self._call("hr.attendance", "search_read", [], fields=["chain_store_id"])["result"]
        self.assertEqual([r["id"] for r in rows], att_a.ids)
        self.assertRpcError(self._call("hr.attendance", "read", att_b.ids, fields=["check_in"]))
        self.assertRpcError(self._call("hr.attendance", "write", att_a.ids, {"chain_store_id": self.store_b.id}))
