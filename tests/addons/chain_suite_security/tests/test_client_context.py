import json
import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.chain_store.lib import guard

# What an attacker sends: every switch we know of, and keys a client may send.
SWITCHES = sorted(guard.UNTRUSTED_CONTEXT_KEYS) + [
    "chain_pos_expiry_off",
    "chain_transfer_gate",
    "chain_bypass_reservation_move_ids",
    "chain_go_live",
    "chain_reserve_any",
]
HARMLESS = {"lang": "en_US", "active_test": False, "chain_store_any": True, "default_name": "x"}


@tagged("post_install", "-at_install")
class TestClientContext(HttpCase):
    """Context keys that switch checks off never reach server code from a client, by any transport."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # partner manager: a server action on contacts needs write access to contacts
        cls.user = new_test_user(
            cls.env, login="adv_ctx", password="adv_ctx_pass", groups="base.group_user,base.group_partner_manager"
        )
        cls.context = dict(HARMLESS, **dict.fromkeys(SWITCHES, True))

    def _assert_cleaned(self, keys):
        self.assertFalse(set(SWITCHES) & set(keys), f"switches reached the server: {set(SWITCHES) & set(keys)}")
        self.assertTrue(set(HARMLESS) <= set(keys), f"ordinary keys were lost: {set(HARMLESS) - set(keys)}")

    def test_web_client_call_kw(self):
        self.authenticate("adv_ctx", "adv_ctx_pass")
        keys = self.make_jsonrpc_request(
            "/web/dataset/call_kw/chain.suite.probe/context_keys",
            {"model": "chain.suite.probe", "method": "context_keys", "args": [], "kwargs": {"context": self.context}},
        )
        self._assert_cleaned(keys)

    def test_web_client_call_button(self):
        self.authenticate("adv_ctx", "adv_ctx_pass")
        action = self.make_jsonrpc_request(
            "/web/dataset/call_button",
            {"model": "chain.suite.probe", "method": "button_context_keys", "args": [],
             "kwargs": {"context": self.context}},
        )  # fmt: skip
        self._assert_cleaned(action["params"]["keys"])

    def test_external_jsonrpc(self):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 7,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [self.env.cr.dbname, self.user.id, "adv_ctx_pass", "chain.suite.probe", "context_keys", [],
                         {"context": self.context}],
            },
        }  # fmt: skip
        response = self.url_open("/jsonrpc", data=json.dumps(payload), headers={"Content-Type": "application/json"})
        self._assert_cleaned(response.json()["result"])

    def test_external_xmlrpc(self):
        body = xmlrpc.client.dumps(
            (self.env.cr.dbname, self.user.id, "adv_ctx_pass", "chain.suite.probe", "context_keys", [],
             {"context": self.context}),
            methodname="execute_kw",
        )  # fmt: skip
        response = self.url_open("/xmlrpc/2/object", data=body, headers={"Content-Type": "text/xml"})
        (keys,), _method = xmlrpc.client.loads(response.content)
        self._assert_cleaned(keys)

    def test_web_client_server_action(self):
        server_action = self.env["ir.actions.server"].create(
            {
                "name": "Adversarial probe",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "state": "code",
                "code": "action = env['chain.suite.probe'].button_context_keys()",
            }
        )
        self.authenticate("adv_ctx", "adv_ctx_pass")
        action = self.make_jsonrpc_request("/web/action/run", {"action_id": server_action.id, "context": self.context})
        self._assert_cleaned(action["params"]["keys"])

    def test_server_code_still_sets_them(self):
        """The same keys set by server code keep working: only the client's are dropped."""
        keys = self.env["chain.suite.probe"].with_context(skip_validation_check=True).context_keys()
        self.assertIn("skip_validation_check", keys)
