from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalEngine(ChainApprovalCase):
    """A rule on a core model nothing prepared: stock scrap validation above 5 units."""

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

    def test_small_scrap_is_not_held(self):
        scrap = self._scrap(self.store_a, 2)
        scrap.with_user(self.staff_a).action_validate()
        self.assertEqual(scrap.state, "done")

    def test_two_tiers_then_the_button_runs(self):
        scrap = self._scrap(self.store_a, 8)
        with self.assertRaisesRegex(UserError, "needs an approval"):
            scrap.with_user(self.staff_a).action_validate()
        self.Request.with_user(self.staff_a)._chain_action_request(scrap)
        request = self._request_of(scrap, "action_validate")
        self.assertRecordValues(
            request, [{"state": "pending", "store_id": self.store_a.id, "requester_id": self.staff_a.id}]
        )
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            scrap.with_user(self.staff_a).action_validate()
        with self.assertRaises(UserError, msg="the region manager reviews after the store manager"):
            request.with_user(self.region_manager).action_chain_approve()
        request.with_user(self.manager_a).action_chain_approve()
        self.assertEqual(scrap.state, "draft")
        request.with_user(self.region_manager).action_chain_approve("ok")
        self.assertEqual(scrap.state, "done", "the last approval runs the gated button")
        self.assertEqual(request.state, "done")
        self.assertRecordValues(
            request.review_ids.sorted("sequence"),
            [
                {
                    "status": "approved",
                    "done_by": self.manager_a.id,
                    "chain_tier_id": self.rule.tier_ids[0].id,
                    "comment": False,
                },
                {
                    "status": "approved",
                    "done_by": self.region_manager.id,
                    "chain_tier_id": self.rule.tier_ids[1].id,
                    "comment": "ok",
                },
            ],
        )
        self.assertTrue(all(request.review_ids.mapped("reviewed_date")))
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            request.review_ids[0].comment = "edited"
        self.assertIn("approved", " ".join(scrap.message_ids.mapped("body")))

    def test_reject_needs_a_reason(self):
        scrap = self._scrap(self.store_a, 8)
        request = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        with self.assertRaisesRegex(UserError, "Say why"):
            request.with_user(self.manager_a).action_chain_reject(" ")
        request.with_user(self.manager_a).action_chain_reject("Damaged packs are returned to the supplier")
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.review_ids[0].comment, "Damaged packs are returned to the supplier")
        with self.assertRaisesRegex(UserError, "needs an approval"):
            scrap.with_user(self.staff_a).action_validate()
        self.assertEqual(scrap.state, "draft")

    def test_editing_a_rule_leaves_reviews_in_flight(self):
        scrap = self._scrap(self.store_a, 8)
        first = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        self.rule.tier_ids[0].write({"approver_type": "user", "user_id": self.chain_manager.id})
        self.rule.approve_sequence = False
        self.assertEqual(first.review_ids.sorted("sequence")[0].reviewer_ids, self.manager_a)
        self.assertTrue(first.review_ids[0].approve_sequence, "the old tier settings stay on the old review")
        other = self._scrap(self.store_a, 9)
        second = self.Request.with_user(self.staff_a)._chain_request(other, self.rule)
        self.assertEqual(second.review_ids.sorted("sequence")[0].reviewer_ids, self.chain_manager)
        self.assertFalse(second.review_ids[0].approve_sequence)

    def test_store_isolation(self):
        scrap = self._scrap(self.store_a, 8)
        request = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        self.assertFalse(self.Request.with_user(self.manager_b).search([("id", "=", request.id)]))
        with self.assertRaises(UserError):  # AccessError is a UserError
            request.with_user(self.manager_b).action_chain_approve()
        self.assertEqual(request.review_ids.filtered(lambda r: r.status == "approved"), self.env["tier.review"])

    def test_inbox_counts_only_reviews_one_can_act_on(self):
        scrap = self._scrap(self.store_a, 8)
        request = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        inbox = [("can_review", "=", True), ("state", "=", "pending")]
        self.assertEqual(self.Request.with_user(self.manager_a).search(inbox), request)
        self.assertFalse(self.Request.with_user(self.region_manager).search(inbox), "not their turn yet")
        request.with_user(self.manager_a).action_chain_approve()
        self.assertFalse(self.Request.with_user(self.manager_a).search(inbox))
        self.assertEqual(self.Request.with_user(self.region_manager).search(inbox), request)

    def test_activity_for_each_tier_in_turn(self):
        scrap = self._scrap(self.store_a, 8)
        request = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        self.assertEqual(request.activity_ids.user_id, self.manager_a)
        request.with_user(self.manager_a).action_chain_approve()
        self.assertEqual(
            request.activity_ids.user_id, self.region_manager, "the second tier is told when its turn comes"
        )

    def test_who_would_approve(self):
        scrap = self._scrap(self.store_a, 8)
        action = self.env["chain.approval.preview"].with_user(self.staff_a)._chain_action_preview(scrap)
        preview = self.env["chain.approval.preview"].browse(action["res_id"])
        self.assertEqual(preview.line_ids.mapped("reviewers"), [self.manager_a.name, self.region_manager.name])
        self.assertFalse(self._request_of(scrap, "action_validate"), "previewing requests nothing")
        with self.assertRaisesRegex(UserError, "needs no approval"):
            self.env["chain.approval.preview"]._chain_action_preview(self._scrap(self.store_a, 1))

    def test_reviewers_of_another_company_fall_back_to_chain_managers(self):
        other = self.env["res.company"].create({"name": "Other Chain (test)"})
        outsider = new_test_user(
            self.env,
            login="t_outsider",
            groups="base.group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        rule = self._rule(
            "stock.scrap",
            "action_validate",
            [("Outsider", "user", {"user_id": outsider.id})],
            domain="[('scrap_qty', '>', 50)]",
        )
        scrap = self._scrap(self.store_a, 60)
        request = self.Request._chain_request(scrap, rule)
        reviewers = request.review_ids.reviewer_ids
        self.assertNotIn(outsider, reviewers)
        self.assertIn(self.chain_manager, reviewers)
        self.assertIn("chain managers", request.note)

    def test_bad_rules_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "no button"):
            self._rule("stock.scrap", "no_such_button", [("T", "chain_manager", {})])
        with self.assertRaisesRegex(ValidationError, "no button"):
            self._rule("stock.scrap", "unlink", [("T", "chain_manager", {})])
        with self.assertRaisesRegex(ValidationError, "invalid"):
            self._rule("stock.scrap", "action_validate", [("T", "chain_manager", {})], domain="[('nope', '=', 1)]")
        with self.assertRaisesRegex(ValidationError, "needs a user"):
            self._rule("stock.scrap", "action_validate", [("T", "user", {})])

    def test_rule_adds_action_menu_entries(self):
        self.assertEqual(len(self.rule.action_ids), 2)
        self.assertEqual(self.rule.action_ids.binding_model_id.model, "stock.scrap")
        actions = self.rule.action_ids
        self.rule.unlink()
        self.assertFalse(actions.exists())

    def test_systray_counts_only_reviews_one_can_act_on(self):
        self.Request.with_user(self.staff_a)._chain_request(self._scrap(self.store_a, 8), self.rule)

        def count(user):
            rows = self.env["res.users"].with_user(user).review_user_count()
            return sum(row["pending_count"] for row in rows if row["model"] == "chain.approval.request")

        self.assertEqual(count(self.manager_a), 1)
        self.assertEqual(count(self.region_manager), 0, "the second tier cannot act yet")

    def test_condition_on_a_computed_field(self):
        rule = self._rule(
            "stock.quant", "action_apply_inventory", [("HQ", "chain_manager", {})], domain="[('value', '>', 1000)]"
        )
        self.assertTrue(rule.active)

    def test_nobody_forges_an_approval(self):
        scrap = self._scrap(self.store_a, 8)
        request = self.Request.with_user(self.staff_a)._chain_request(scrap, self.rule)
        as_staff = request.with_user(self.staff_a)
        with self.assertRaises(AccessError):
            as_staff.write({"state": "approved"})
        with self.assertRaises(AccessError):
            as_staff.write({"res_id": self._scrap(self.store_a, 1).id})
        with self.assertRaises(AccessError):
            as_staff.review_ids[0].write({"status": "approved", "done_by": self.staff_a.id})
        with self.assertRaises(AccessError):
            as_staff.review_ids[0].write({"chain_reviewer_ids": [Command.link(self.staff_a.id)]})
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.staff_a).create(
                {"model": "chain.approval.request", "res_id": request.id, "chain_tier_id": self.rule.tier_ids[0].id}
            )
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            scrap.with_user(self.staff_a).action_validate()

    def test_button_that_opens_a_wizard_keeps_its_approval(self):
        """Store B holds 7 units: scrapping 9 opens Odoo's "insufficient quantity" wizard, so the
        approval stays for the follow-up; region Zhejiang has no manager, HQ reviews instead."""
        scrap = self._scrap(self.store_b, 9)
        request = self.Request.with_user(self.staff_b)._chain_request(scrap, self.rule)
        self.assertIn("chain managers", request.note)
        request.with_user(self.manager_b).action_chain_approve()
        request.with_user(self.chain_manager).action_chain_approve()
        self.assertEqual(scrap.state, "draft")
        self.assertEqual(request.state, "approved", "not consumed: the button only opened a wizard")
        action = scrap.with_user(self.staff_b).action_validate()
        self.assertEqual(action["res_model"], "stock.warn.insufficient.qty.scrap")

    def test_consultant_creates_a_rule_in_the_form(self):
        form = Form(self.env["chain.approval.rule"].with_user(self.chain_manager))
        form.name = "Big scrap, in the form"
        form.model_id = self.env["ir.model"]._get("stock.scrap")
        form.method_name = "action_validate"
        form.domain = "[('scrap_qty', '>', 100)]"
        with form.tier_ids.new() as tier:
            tier.name = "Store manager"
            tier.approver_type = "store_manager"
        with form.tier_ids.new() as tier:
            tier.name = "Region manager"
            tier.approver_type = "region_manager"
            tier.escalation_hours = 24
        rule = form.save()
        self.assertEqual(rule.tier_ids.mapped("approver_type"), ["store_manager", "region_manager"])
        with self.assertRaisesRegex(UserError, "needs an approval"):
            self._scrap(self.store_a, 101).with_user(self.staff_a).action_validate()
