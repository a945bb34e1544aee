from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalGuard(ChainApprovalCase):
    """What a role may not do around an approval, whatever method it calls (issue 20)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._rule(
            "stock.scrap",
            "action_validate",
            [("Store manager", "store_manager", {}), ("Region manager", "region_manager", {})],
            domain="[('scrap_qty', '>', 5)]",
            store_field="location_id.warehouse_id.chain_store_id",
        )

    def _pending(self, qty=8):
        scrap = self._scrap(self.store_a, qty)
        request = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        return scrap, request

    def _on_hand(self):
        return self.product.with_context(location=self.wh_a.lot_stock_id.id).qty_available

    # -- scrap --------------------------------------------------------------------------------

    def test_scrap_state_is_written_by_its_validation_only(self):
        scrap = self._scrap(self.store_a, 2)
        for user in (self.staff_a, self.manager_a, self.chain_manager):
            with self.assertRaises(AccessError):
                scrap.with_user(user).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["stock.scrap"].with_user(self.staff_a).create(
                {
                    "product_id": self.product.id,
                    "scrap_qty": 1,
                    "location_id": self.wh_a.lot_stock_id.id,
                    "state": "done",
                }
            )
        self.assertEqual(scrap.state, "draft")
        self.assertFalse(scrap.move_ids)
        self.assertEqual(self._on_hand(), 10)

    def test_do_scrap_passes_the_gate_of_validate(self):
        scrap = self._scrap(self.store_a, 8)
        with self.assertRaisesRegex(UserError, "needs an approval"):
            scrap.with_user(self.staff_a).do_scrap()
        scrap, request = self._pending(8)
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            scrap.with_user(self.staff_a).do_scrap()
        self.assertEqual(self._on_hand(), 10)
        request.with_user(self.manager_a).action_chain_approve()
        request.with_user(self.region_manager).action_chain_approve()
        self.assertEqual(scrap.state, "done", "the approved button still runs (do_scrap beneath it)")
        self.assertEqual(request.state, "done")
        self.assertEqual(self._on_hand(), 2)

    def test_store_user_cannot_scrap_more_than_on_hand(self):
        self.rule.active = False
        scrap = self._scrap(self.store_a, 4)
        scrap.with_user(self.staff_a).action_validate()
        self.assertEqual(self._on_hand(), 6)
        over = self._scrap(self.store_a, 7)
        action = over.with_user(self.staff_a).action_validate()
        self.assertEqual(action["res_model"], "stock.warn.insufficient.qty.scrap", "Odoo warns first")
        for method in ("do_scrap",):
            with self.assertRaisesRegex(UserError, "holds 6"):
                getattr(over.with_user(self.staff_a), method)()
        wizard = (
            self.env["stock.warn.insufficient.qty.scrap"]
            .with_user(self.manager_a)
            .with_context(**action["context"])
            .create({"scrap_id": over.id, "product_id": self.product.id, "location_id": self.wh_a.lot_stock_id.id})
        )
        with self.assertRaisesRegex(UserError, "holds 6"):
            wizard.action_done()
        self.assertEqual(over.state, "draft")
        self.assertEqual(self._on_hand(), 6)

    # -- reviews and requests -----------------------------------------------------------------

    def test_requester_cannot_leave_an_approval_without_reviewer(self):
        __, request = self._pending()
        reviews = request.review_ids.with_user(self.staff_a)
        for vals in ({"status": "cancel"}, {"status": "approved"}, {"status": "rejected"}):
            with self.assertRaises(AccessError):
                reviews[:1].write(vals)
        with self.assertRaises(AccessError):
            reviews[:1].unlink()
        with self.assertRaises(UserError):
            request.with_user(self.staff_a).restart_validation()
        with self.assertRaises(UserError):
            request.with_user(self.staff_a).request_validation()
        # the second tier's reviewer cannot jump the queue either
        with self.assertRaises(AccessError):
            request.review_ids.sorted("sequence")[1].with_user(self.region_manager).write({"status": "pending"})
        self.assertEqual(request.review_ids.sorted("sequence").mapped("status"), ["pending", "waiting"])
        self.assertEqual(request.state, "pending")

    def test_oca_comment_wizard_does_not_decide_on_a_chain_review(self):
        __, request = self._pending()
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.manager_a)
            .create(
                {
                    "res_model": request._name,
                    "res_id": request.id,
                    # their own review only: OCA's wizard would approve it without running the button
                    "review_ids": [(6, 0, request.review_ids.filtered(lambda r: self.manager_a in r.reviewer_ids).ids)],
                    "validate_reject": "validate",
                    "comment": "ok",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.add_comment()
        # OCA's Validate button leads to the chain's Approve (which keeps the order of the tiers)
        request.with_user(self.manager_a).validate_tier()
        self.assertEqual(request.review_ids.sorted("sequence").mapped("status"), ["approved", "pending"])

    def test_nobody_makes_a_review_or_a_request_by_hand(self):
        scrap = self._scrap(self.store_a, 8)
        with self.assertRaises(AccessError):
            self.Request.with_user(self.chain_manager).create(
                {
                    "name": scrap.display_name,
                    "rule_id": self.rule.id,
                    "res_model": "stock.scrap",
                    "res_id": scrap.id,
                    "method_name": "action_validate",
                    "company_id": scrap.company_id.id,
                    "requester_id": self.chain_manager.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.staff_a).create(
                {"model": "stock.scrap", "res_id": scrap.id, "status": "approved"}
            )
        with self.assertRaisesRegex(UserError, "needs an approval"):
            scrap.with_user(self.staff_a).action_validate()

    def test_cancel_by_reviewer_manager_or_withdrawing_requester_only(self):
        scrap, request = self._pending()
        with self.assertRaises(UserError):  # another store's manager: not even allowed to read it
            request.with_user(self.manager_b).action_cancel()
        colleague = self._user("t_staff_a2", "chain_store.group_chain_store_user", self.store_a)
        with self.assertRaisesRegex(UserError, "reviewer .* or a chain manager"):
            request.with_user(colleague).action_cancel()  # sees it, is neither requester nor reviewer
        request.with_user(self.region_manager).action_cancel()  # a reviewer (second tier)
        self.assertEqual(request.state, "cancel")
        scrap, request = self._pending()
        request.with_user(self.staff_a).action_cancel()  # the requester withdraws: the scrap stays a draft
        self.assertEqual((request.state, scrap.state), ("cancel", "draft"))
        self.assertIn("withdrawn", " ".join(scrap.message_ids.mapped("body")))
