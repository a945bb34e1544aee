from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.chain_store.lib import guard

from .common import ChainApprovalCase


class FourEyesCase(ChainApprovalCase):
    """A scrap rule whose single tier is the store manager: ``manager_a`` scrapping in store A is
    the requester of a request their own tier would review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._rule(
            "stock.scrap",
            "action_validate",
            [("Store manager", "store_manager", {"escalation_hours": 4})],
            domain="[('scrap_qty', '>', 5)]",
            store_field="location_id.warehouse_id.chain_store_id",
        )

    def _own_request(self, user):
        scrap = self._scrap(self.store_a, 8, user=user)
        return scrap, self.Request.with_user(user)._chain_request(scrap, self.rule)


@tagged("post_install", "-at_install")
class TestApprovalFourEyes(FourEyesCase):
    def test_store_manager_own_request_goes_to_the_region_manager(self):
        scrap, request = self._own_request(self.manager_a)
        self.assertEqual(request.requester_id, self.manager_a)
        self.assertEqual(request.review_ids.reviewer_ids, self.region_manager)
        self.assertIn("only reviewer", request.note)
        with self.assertRaisesRegex(UserError, "four eyes"):
            request.with_user(self.manager_a).action_chain_approve()
        request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual((request.state, scrap.state), ("done", "done"))

    def test_staff_request_keeps_its_store_manager(self):
        __, request = self._own_request(self.staff_a)
        self.assertEqual(request.review_ids.reviewer_ids, self.manager_a)
        self.assertFalse(request.note)

    def test_delegation_to_the_requester_is_ignored_for_their_request(self):
        today = fields.Date.context_today(self.Request)
        self.env["chain.approval.delegation"].create(
            {"user_id": self.manager_a.id, "substitute_id": self.staff_a.id, "date_from": today, "date_to": today}
        )
        __, request = self._own_request(self.staff_a)
        self.assertEqual(request.review_ids.reviewer_ids, self.manager_a, "the substitute is the requester")
        with self.assertRaisesRegex(UserError, "four eyes"):
            request.with_user(self.staff_a).action_chain_approve()
        # another requester's request still goes to the substitute too
        __, other = self._own_request(self.env.ref("base.user_admin"))
        self.assertEqual(other.review_ids.reviewer_ids, self.manager_a | self.staff_a)

    def test_group_tier_leaves_the_requester_out(self):
        colleague = self._user("t_manager_a2", "chain_store.group_chain_store_manager", self.store_a)
        self.manager_a.chain_store_ids = self.store_a
        group = self.env["res.groups"].create({"name": "Scrap reviewers (test)"})
        group.users = self.manager_a | colleague
        rule = self._rule(
            "stock.scrap", "action_validate", [("Reviewers", "group", {"group_id": group.id})], domain="[]"
        )
        scrap = self._scrap(self.store_a, 2, user=self.manager_a)
        request = self.Request.with_user(self.manager_a)._chain_request(scrap, rule)
        self.assertEqual(request.review_ids.reviewer_ids, colleague)

    def test_chain_managers_are_not_exempt(self):
        rule = self._rule("stock.scrap", "action_validate", [("HQ", "chain_manager", {})], domain="[]")
        scrap = self._scrap(self.store_a, 2, user=self.chain_manager)
        plan = self.Request.with_user(self.chain_manager)._chain_plan(scrap, rule)
        others = plan[0][1]
        self.assertNotIn(self.chain_manager, others)
        for user in others:
            self.assertTrue(user.has_group("chain_store.group_chain_manager"))
        # a chain with one chain manager, who is the only one who could review: refused
        lone = self._rule("stock.scrap", "action_validate", [("Me", "user", {"user_id": self.chain_manager.id})])
        Request = type(self.Request)
        with (
            patch.object(Request, "_chain_chain_managers", lambda r, company: self.chain_manager.with_env(r.env)),
            self.assertRaisesRegex(UserError, "nobody approves their own request"),
        ):
            self.Request.with_user(self.chain_manager)._chain_request(scrap, lone)

    def test_requester_among_the_reviewers_cannot_decide_for_them(self):
        """Reviews fixed before the rule (or by a later escalation) that name the requester:
        Approve and the engine both refuse them."""
        scrap, request = self._own_request(self.staff_a)
        review = request.review_ids
        with guard.allow("tier.review", ("chain_reviewer_ids",)):
            review.sudo().with_context(chain_escalation=True).chain_reviewer_ids = self.manager_a | self.staff_a
        with self.assertRaisesRegex(UserError, "four eyes"):
            request.with_user(self.staff_a).action_chain_approve()
        with self.assertRaises(AccessError), guard.allow("tier.review", ("status", "done_by", "reviewed_date")):
            review.with_user(self.staff_a).write({"status": "approved"})
        self.assertEqual((review.status, scrap.state), ("pending", "draft"))
        request.with_user(self.manager_a).action_chain_approve()
        self.assertEqual(scrap.state, "done")

    def test_escalation_skips_the_requester(self):
        __, request = self._own_request(self.manager_a)
        review = request.review_ids
        self.assertEqual(review.chain_reviewer_ids, self.region_manager)
        review.sudo()._chain_escalate()  # as the hourly cron
        self.assertNotIn(self.manager_a, review.chain_reviewer_ids)
        self.assertIn(self.chain_manager, review.chain_reviewer_ids, "it climbs to the chain managers")


@tagged("post_install", "-at_install")
class TestApprovalFourEyesOverHttp(HttpCase, FourEyesCase):
    """The requester's own web session cannot approve their request either."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_requester_cannot_approve_over_rpc(self):
        scrap, request = self._own_request(self.staff_a)
        with guard.allow("tier.review", ("chain_reviewer_ids",)):
            reviews = request.review_ids.sudo().with_context(chain_escalation=True)
            reviews.chain_reviewer_ids = self.manager_a | self.staff_a
        self.staff_a.password = "staff-a-pass"
        self.authenticate(self.staff_a.login, "staff-a-pass")
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self._call("chain.approval.request", "action_chain_approve", [request.id])
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self._call("chain.approval.request", "validate_tier", [request.id])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("tier.review", "write", request.review_ids.ids, {"status": "approved"})
        self.env.invalidate_all()
        self.assertEqual((request.state, scrap.state), ("pending", "draft"))
        self.manager_a.password = "manager-a-pass"
        self.authenticate(self.manager_a.login, "manager-a-pass")
        self._call("chain.approval.request", "action_chain_approve", [request.id])
        self.env.invalidate_all()
        self.assertEqual((request.state, scrap.state), ("done", "done"))
