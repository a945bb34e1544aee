from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalEscalation(ChainApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._rule(
            "stock.scrap",
            "action_validate",
            [("Store manager", "store_manager", {"escalation_hours": 24})],
            domain="[('scrap_qty', '>', 5)]",
            store_field="location_id.warehouse_id.chain_store_id",
        )

    def test_overdue_review_goes_up_to_the_region_manager(self):
        with freeze_time("2026-03-02 08:00:00"):
            scrap = self._scrap(self.store_a, 8)
            request = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        Review = self.env["tier.review"]
        with freeze_time("2026-03-03 07:59:00"):
            Review._cron_chain_escalate()
            self.assertEqual(request.review_ids.reviewer_ids, self.manager_a)
        with freeze_time("2026-03-03 08:01:00"):
            Review._cron_chain_escalate()
            self.assertEqual(request.review_ids.reviewer_ids, self.manager_a | self.region_manager)
            self.assertTrue(request.review_ids.chain_escalated)
            message = request.message_ids[0]
            self.assertIn("24", message.body)
            self.assertEqual(message.partner_ids, (self.manager_a | self.region_manager).partner_id, "both are told")
            self.assertIn(self.region_manager, request.activity_ids.user_id)
            request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual(scrap.state, "done")

    def test_escalation_climbs_one_level_at_a_time(self):
        self.rule.tier_ids.approver_type = "region_manager"
        scrap = self._scrap(self.store_a, 8)
        with freeze_time(datetime(2026, 3, 2, 8)):
            request = self.Request._chain_request(scrap, self.rule)
        with freeze_time(datetime(2026, 3, 4, 8)):
            self.env["tier.review"]._cron_chain_escalate()
        reviewers = request.review_ids.reviewer_ids
        self.assertIn(self.chain_manager, reviewers, "the region manager's review goes to the chain managers")
        self.assertIn(self.region_manager, reviewers)
        self.assertNotIn(self.manager_a, reviewers, "never down the ladder")

    def test_delegation_sends_reviews_to_the_substitute_in_the_period(self):
        Delegation = self.env["chain.approval.delegation"].with_user(self.manager_a)
        Delegation.create(
            {
                "user_id": self.manager_a.id,
                "substitute_id": self.buyer.id,
                "date_from": "2026-05-01",
                "date_to": "2026-05-07",
            }
        )
        with freeze_time("2026-05-07 10:00:00"):
            during = self.Request._chain_request(self._scrap(self.store_a, 8), self.rule)
        with freeze_time("2026-05-08 10:00:00"):
            after = self.Request._chain_request(self._scrap(self.store_a, 9), self.rule)
        self.assertEqual(during.review_ids.reviewer_ids, self.manager_a | self.buyer)
        self.assertEqual(after.review_ids.reviewer_ids, self.manager_a)
        during.with_user(self.buyer).action_chain_approve()
        self.assertEqual(during.review_ids.done_by, self.buyer)

    def test_nobody_names_themselves_substitute_of_another(self):
        with self.assertRaises(AccessError):
            self.env["chain.approval.delegation"].with_user(self.staff_a).create(
                {"user_id": self.manager_a.id, "substitute_id": self.staff_a.id, "date_to": "2030-01-01"}
            )

    def test_delegation_constraints(self):
        Delegation = self.env["chain.approval.delegation"]
        with self.assertRaisesRegex(ValidationError, "own substitute"):
            Delegation.create(
                {"user_id": self.manager_a.id, "substitute_id": self.manager_a.id, "date_to": "2030-01-01"}
            )
        with self.assertRaisesRegex(ValidationError, "ends before"):
            Delegation.create(
                {
                    "user_id": self.manager_a.id,
                    "substitute_id": self.buyer.id,
                    "date_from": "2026-05-02",
                    "date_to": "2026-05-01",
                }
            )
