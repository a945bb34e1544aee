from odoo.exceptions import AccessError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainCrmLeadCase


@tagged("post_install", "-at_install")
class TestLeadAccess(ChainCrmLeadCase):
    """Leads are store documents: another store's users read none and cannot take one; inside the
    store a guide works her own and the unassigned leads, the manager all of them."""

    def _visible(self, user):
        return self.env["crm.lead"].with_user(user).search([("id", "in", self.leads.ids)])

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leads = cls.lead_a1 | cls.lead_a2 | cls.lead_a_free | cls.lead_b

    def test_user_of_another_store_reads_zero_leads(self):
        self.assertEqual(self._visible(self.staff_b), self.lead_b)
        Lead = self.env["crm.lead"].with_user(self.staff_b)
        self.assertEqual(Lead.search_count([("chain_store_id", "=", self.store_a.id)]), 0)
        self.assertFalse(Lead.search_read([("id", "=", self.lead_a1.id)], ["name", "mobile"]))
        with self.assertRaises(AccessError):
            self.lead_a1.with_user(self.staff_b).read(["name"])

    def test_cannot_write_the_store_to_take_a_lead(self):
        with self.assertRaises(AccessError):
            self.lead_a1.with_user(self.staff_b).write({"chain_store_id": self.store_b.id})
        with self.assertRaises(AccessError):
            self.lead_a1.with_user(self.guide_a1).write({"chain_store_id": self.store_b.id})
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.staff_b).create(self._lead_vals("Ms Zhou", "13900001234", self.store_a))
        self.assertEqual(self.lead_a1.chain_store_id, self.store_a)

    def test_guide_sees_her_own_and_unassigned_leads_of_her_store(self):
        self.assertEqual(self._visible(self.guide_a1), self.lead_a1 | self.lead_a_free)
        self.assertEqual(self._visible(self.guide_a2), self.lead_a2 | self.lead_a_free)
        with self.assertRaises(AccessError):
            self.lead_a2.with_user(self.guide_a1).write({"chain_hospital": "Renji"})

    def test_store_manager_sees_every_lead_of_the_store(self):
        self.assertEqual(self._visible(self.manager_a), self.lead_a1 | self.lead_a2 | self.lead_a_free)
        self.lead_a2.with_user(self.manager_a).write({"user_id": self.guide_a1.id})
        self.assertEqual(self._visible(self.guide_a1), self.lead_a1 | self.lead_a2 | self.lead_a_free)

    def test_chain_manager_sees_every_store(self):
        self.assertEqual(self._visible(self.chain_manager), self.leads)

    def test_new_lead_of_a_guide_is_in_her_store_and_its_team(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.guide_a1)
            .create({"name": "Walk-in", "mobile": "139 0000 5678", "user_id": self.guide_a1.id})
        )
        self.assertRecordValues(
            lead, [{"chain_store_id": self.store_a.id, "team_id": self.team_a.id, "chain_mobile": "+8613900005678"}]
        )

    def test_conversion_of_another_store_lead_is_refused(self):
        with self.assertRaises(AccessError):
            self.lead_a1.with_user(self.staff_b).action_chain_convert()
        self.assertFalse(self.lead_a1.chain_member_id)

    def test_conversion_fields_are_not_writable_over_rpc(self):
        member = self.env["chain.member"].create({"name": "Ms Wang", "mobile": "13800138000"})
        with self.assertRaises(AccessError):
            self.lead_a1.with_user(self.guide_a1).write({"chain_member_id": member.id})

    def test_teams_of_other_stores_are_not_read(self):
        Team = self.env["crm.team"].with_user(self.staff_b)
        self.assertFalse(Team.search([("id", "=", self.team_a.id)]))
        self.assertTrue(Team.search([("id", "=", self.team_b.id)]))


@tagged("post_install", "-at_install")
class TestLeadAccessOverRpc(HttpCase, ChainCrmLeadCase):
    """The same isolation through the web client's JSON-RPC, as a browser would send it."""

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_store_user_of_another_store_over_rpc(self):
        self.authenticate("t_staff_b", "t_staff_b")
        found = self._call("crm.lead", "search_read", [[("chain_store_id", "!=", False)]], {"fields": ["name"]})
        self.assertEqual([row["id"] for row in found], self.lead_b.ids)
        with self.assertRaises(JsonRpcException):
            self._call("crm.lead", "write", [self.lead_a1.ids, {"chain_store_id": self.store_b.id}])
        with self.assertRaises(JsonRpcException):
            self._call("crm.lead", "action_chain_convert", [self.lead_a1.ids])
        self.assertEqual(self.lead_a1.chain_store_id, self.store_a)
        self.assertFalse(self.lead_a1.chain_member_id)

    def test_guide_over_rpc(self):
        self.authenticate("t_guide_a1", "t_guide_a1")
        found = self._call("crm.lead", "search_read", [[("chain_store_id", "!=", False)]], {"fields": ["name"]})
        self.assertEqual({row["id"] for row in found}, set((self.lead_a1 | self.lead_a_free).ids))
        with self.assertRaises(JsonRpcException):
            self._call("crm.lead", "write", [self.lead_a1.ids, {"chain_consent_date": "2026-01-01 00:00:00"}])
        with self.assertRaises(JsonRpcException):
            self._call("crm.lead", "write", [self.lead_a1.ids, {"chain_store_id": self.store_b.id}])
