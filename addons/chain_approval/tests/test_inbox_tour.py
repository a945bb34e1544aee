from odoo.tests import HttpCase, tagged

from .common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestInboxPhoneTour(HttpCase, ChainApprovalCase):
    """My Approvals on a phone, in a real browser (headless Chromium): approve and reject from
    the cards."""

    browser_size = "375x667"
    touch_enabled = True

    def test_approve_and_reject_on_a_phone(self):
        self._rule(
            "stock.scrap",
            "action_validate",
            [("Store manager", "store_manager", {})],
            domain="[('scrap_qty', '>', 5)]",
            store_field="location_id.warehouse_id.chain_store_id",
        )
        to_approve, to_reject = self._scrap(self.store_a, 8), self._scrap(self.store_a, 9)
        to_approve.name, to_reject.name = "TOUR-APPROVE", "TOUR-REJECT"
        self.Request.with_user(self.staff_a)._chain_action_request(to_approve | to_reject)
        self.start_tour(
            "/odoo/action-chain_approval.chain_approval_request_action_inbox",
            "chain_approval_inbox_phone_tour",
            login=self.manager_a.login,
        )
        self.assertEqual(to_approve.state, "done", "the approval ran the scrap's validation")
        rejected = self._request_of(to_reject, "action_validate")
        self.assertEqual(rejected.state, "rejected")
        self.assertEqual(rejected.review_ids.comment, "Expired lots go back to the supplier")
        self.assertEqual(to_reject.state, "draft")
