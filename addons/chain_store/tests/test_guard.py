import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ChainStoreCase


@tagged("post_install", "-at_install")  # every addon's rules (e.g. on contacts) are loaded
class TestGuardedState(ChainStoreCase):
    """A store's status changes only through its buttons, and each button checks who presses it."""

    def test_state_not_writable_by_any_role(self):
        for user in (self.staff_a, self.manager_a, self.region_manager, self.chain_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.store_a.with_user(user).write({"state": "closed"})
        self.assertEqual(self.store_a.state, "preparing")

    def test_state_not_set_on_create_nor_by_import(self):
        Store = self.env["chain.store"].with_user(self.chain_manager)
        with self.assertRaises(AccessError):
            Store.create({"code": "TC01", "name": "Test Store C", "state": "closed"})
        # the web client sends the default on create: accepted
        store = Store.create({"code": "TC02", "name": "Test Store D", "state": "preparing"})
        self.assertEqual(store.state, "preparing")
        result = Store.load(["code", "name", "state"], [["TC03", "Test Store E", "open"]])
        self.assertFalse(result["ids"])
        self.assertIn("can only be changed", " ".join(m["message"] for m in result["messages"]))
        self.assertFalse(self.env["chain.store"].search([("code", "=", "TC03")]))

    def test_buttons_are_the_documented_paths(self):
        self.store_a.with_user(self.manager_a).action_open()
        self.assertEqual(self.store_a.state, "open")
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.manager_a).action_close()
        self.store_a.with_user(self.chain_manager).action_close()
        self.assertEqual(self.store_a.state, "closed")
        with self.assertRaises(UserError):  # a closed store reopens through Back to Preparing only
            self.store_a.with_user(self.chain_manager).action_open()
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.manager_a).action_reset_preparing()
        self.store_a.with_user(self.chain_manager).action_reset_preparing()
        self.assertEqual(self.store_a.state, "preparing")

    def test_other_store_button_refused(self):
        with self.assertRaises(AccessError):
            self.store_b.with_user(self.manager_a).action_open()
        self.assertEqual(self.store_b.state, "preparing")

    def test_duplicate_starts_afresh(self):
        self.store_a.with_user(self.manager_a).action_open()
        copy = self.store_a.with_user(self.chain_manager).copy({"code": "TA99"})
        self.assertEqual(copy.state, "preparing")
        with self.assertRaises(AccessError):  # asking for the guarded value explicitly is a write like any other
            self.store_a.with_user(self.chain_manager).copy({"code": "TA98", "state": "open"})

    def test_superuser_code_not_restricted(self):
        self.store_a.sudo().write({"state": "suspended"})
        self.assertEqual(self.store_a.state, "suspended")


@tagged("post_install", "-at_install")  # the store's address is a contact: every addon's rules apply
class TestStoreSheet(ChainStoreCase):
    def test_store_manager_edits_the_sheet_not_the_configuration(self):
        store = self.store_a.with_user(self.manager_a)
        store.write({"phone": "021-5555", "floor_area": 120.0})
        self.assertEqual(self.store_a.phone, "021-5555")
        for vals in (
            {"region_id": self.region_zj.id},
            {"manager_id": self.staff_a.id},
            {"code": "XX01"},
            {"kind": "dc"},
            {"warehouse_id": self.wh_b.id},
            {"active": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                store.write(vals)
        self.assertEqual(self.store_a.region_id, self.region_sh)
        self.assertEqual(self.store_a.manager_id, self.manager_a)

    def test_chain_manager_configures(self):
        self.store_a.with_user(self.chain_manager).write({"region_id": self.region_zj.id})
        self.assertEqual(self.store_a.region_id, self.region_zj)


@tagged("post_install", "-at_install")
class TestGuardOverRpc(HttpCase, ChainStoreCase):
    """The same refusals for an outside client: the web client's call_kw and external JSON-RPC."""

    def _jsonrpc(self, login, password, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [self.env.cr.dbname, self.env["res.users"].search([("login", "=", login)]).id, password,
                         model, method, args, kwargs or {}],
            },
        }  # fmt: skip
        response = self.url_open("/jsonrpc", data=json.dumps(payload), headers={"Content-Type": "application/json"})
        return response.json()

    def test_state_write_refused_over_call_kw(self):
        self.manager_a.password = "manager-a-pass"
        self.authenticate(self.manager_a.login, "manager-a-pass")
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": "chain.store", "method": "web_save", "args": [[self.store_a.id], {"state": "open"}],
            "kwargs": {"specification": {"state": {}}}}}  # fmt: skip
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(
                "/web/dataset/call_kw/chain.store/web_save",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.assertIn("can only be changed", response.json()["error"]["data"]["message"])
        self.assertEqual(self.store_a.state, "preparing")

    def test_state_write_refused_over_external_jsonrpc(self):
        self.manager_a.password = "manager-a-pass"
        with self.assertLogs("odoo.http", "WARNING"):
            result = self._jsonrpc(
                self.manager_a.login, "manager-a-pass", "chain.store", "write", [[self.store_a.id], {"state": "closed"}]
            )
        self.assertIn("can only be changed", result["error"]["data"]["message"])
        self.assertEqual(self.store_a.state, "preparing")
