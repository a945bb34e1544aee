from odoo.exceptions import AccessError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainCaseCase


@tagged("post_install", "-at_install")
class TestCaseIsolation(ChainCaseCase, HttpCase):
    """A store's cases and a baby's health details, read and written as an external client:
    a web session of each user and /web/dataset/call_kw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a = cls._case(user=cls.staff_a, category=cls.categ_allergy)
        cls.health_a = (
            cls.env["chain.crm.case.health"]
            .with_user(cls.staff_a)
            .create({"ticket_id": cls.case_a.id, "symptoms": "Rash on both cheeks", "medical_visit": True})
        )
        cls.case_b = cls._case(user=cls.staff_b, store=cls.store_b, category=cls.categ_allergy)
        cls.health_b = cls.env["chain.crm.case.health"].create({"ticket_id": cls.case_b.id, "symptoms": "Vomiting"})

    def _rpc(self, user, model, method, *args, **kwargs):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _ids(self, user, model, domain=()):
        return {r["id"] for r in self._rpc(user, model, "search_read", list(domain), fields=["id"])}

    def test_a_store_user_reads_zero_cases_of_another_store(self):
        self.assertEqual(self._ids(self.staff_b, "helpdesk.ticket"), {self.case_b.id})
        self.assertEqual(self._ids(self.staff_a, "helpdesk.ticket"), {self.case_a.id})
        with self.assertRaises(JsonRpcException):
            self._rpc(self.staff_b, "helpdesk.ticket", "read", [self.case_a.id], ["name"])
        with self.assertRaises(JsonRpcException):
            self._rpc(self.staff_b, "helpdesk.ticket", "write", [self.case_a.id], {"name": "Mine now"})
        self.assertEqual(self.case_a.name, "Baby rash after the formula (test)")

    def test_managers_and_quality_see_their_scope(self):
        self.assertEqual(self._ids(self.manager_b, "helpdesk.ticket"), {self.case_b.id})
        self.assertEqual(self._ids(self.region_manager, "helpdesk.ticket"), {self.case_a.id})
        both = {self.case_a.id, self.case_b.id}
        self.assertEqual(self._ids(self.quality, "helpdesk.ticket") & both, both)
        self.assertEqual(self._ids(self.chain_manager, "helpdesk.ticket") & both, both)

    def test_health_details_only_for_owner_store_manager_and_quality(self):
        health = "chain.crm.case.health"
        both = {self.health_a.id, self.health_b.id}
        # store staff of the same store who does not own the case: none
        self.assertEqual(self._ids(self.staff_a2, health), set())
        with self.assertRaises(JsonRpcException):
            self._rpc(self.staff_a2, health, "read", [self.health_a.id], ["symptoms"])
        # the case's owner (its creator), the store's manager, the quality team
        self.assertEqual(self._ids(self.staff_a, health), {self.health_a.id})
        self.assertEqual(self._ids(self.manager_a, health), {self.health_a.id})
        self.assertEqual(self._ids(self.quality, health) & both, both)
        # the other store's owner and manager: their own, none of A's
        self.assertEqual(self._ids(self.manager_b, health), {self.health_b.id})
        self.assertEqual(self._ids(self.staff_b, health), {self.health_b.id})
        # a colleague who reads the case (unassigned: the store team's) does not get its health details
        self.case_a.user_id = False
        case = self._rpc(self.staff_a2, "helpdesk.ticket", "read", [self.case_a.id], ["chain_health_ids"])
        self.assertEqual(case[0]["chain_health_ids"], [])

    def test_assigned_user_owns_the_health_details(self):
        self.case_a.user_id = self.staff_a2
        self.assertEqual(self._ids(self.staff_a2, "chain.crm.case.health"), {self.health_a.id})

    def test_store_user_cannot_write_the_escalation_or_the_deadlines(self):
        deadline = self.case_a.chain_resolve_deadline
        for vals in (
            {"chain_escalation_level": 0},
            {"chain_escalation_level": 2},
            {"chain_resolve_deadline": "2099-01-01 00:00:00"},
            {"chain_first_answer_deadline": "2099-01-01 00:00:00"},
            {"chain_first_answer_date": "2020-01-01 00:00:00"},
            {"chain_sla_resolve_ok": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(JsonRpcException):
                self._rpc(self.manager_a, "helpdesk.ticket", "write", [self.case_a.id], vals)
        self.assertEqual(self.case_a.chain_resolve_deadline, deadline)
        self.assertEqual(self.case_a.chain_escalation_level, 0)
        with self.assertRaises(AccessError):
            self._case(user=self.staff_a, chain_escalation_level=2)
