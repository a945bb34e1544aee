from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.chain_approval.tests.common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestPromotionApproval(ChainApprovalCase):
    """A consultant's rule: promotions go live in the stores only once the marketing director
    approved them (Document Loyalty Program, Gated Button action_chain_go_live)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketing = cls._user("t_marketing", "chain_store.group_chain_manager")
        cls.director = cls._user("t_director", "chain_store.group_chain_manager")
        cls.rule = cls._rule(
            "loyalty.program",
            "action_chain_go_live",
            [("Marketing director", "user", {"user_id": cls.director.id})],
            domain="[('program_type', 'in', ('promotion', 'buy_x_get_y'))]",
        )
        cls.Program = cls.env["loyalty.program"].with_user(cls.marketing)

    def _promotion(self, program_type="promotion"):
        return self.Program.create({"name": f"Formula week {program_type}", "program_type": program_type})

    def test_promotion_is_created_archived_until_approved(self):
        promo = self._promotion()
        self.assertFalse(promo.active, "no store applies it before its approval")
        self.assertEqual(promo.chain_go_live_status, "held")
        with self.assertRaisesRegex(UserError, "needs an approval"):
            promo.action_chain_go_live()
        promo.action_chain_request_go_live()
        request = self._request_of(promo, "action_chain_go_live")
        self.assertEqual(request.review_ids.reviewer_ids, self.director)
        promo.invalidate_recordset()
        self.assertEqual(promo.chain_go_live_status, "pending")
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            promo.action_chain_go_live()
        request.with_user(self.director).action_chain_approve()
        self.assertTrue(promo.active, "the approval made it live")
        self.assertEqual(request.state, "done")
        self.assertFalse(promo.chain_go_live_status)

    def test_unarchive_and_import_need_the_approval_too(self):
        promo = self._promotion()
        with self.assertRaisesRegex(UserError, "needs an approval"):
            promo.action_unarchive()
        with self.assertRaisesRegex(UserError, "needs an approval"):
            promo.write({"active": True, "name": "Formula week, imported"})
        self.assertFalse(promo.active)
        # the rest of an import still needs no approval
        promo.write({"name": "Formula week, renamed"})
        self.assertEqual(promo.name, "Formula week, renamed")

    def test_rejected_promotion_stays_archived(self):
        promo = self._promotion("buy_x_get_y")
        promo.action_chain_request_go_live()
        request = self._request_of(promo, "action_chain_go_live")
        request.with_user(self.director).action_chain_reject("Margin too thin on formula")
        self.assertEqual(request.state, "rejected")
        self.assertFalse(promo.active)
        self.assertEqual(promo.chain_go_live_status, "held")

    def test_programs_outside_the_rule_go_live_at_once(self):
        self.assertTrue(self._promotion("coupons").active)
        self.rule.active = False
        self.assertTrue(self._promotion().active, "without a rule, promotions behave as in Odoo")

    def test_store_manager_cannot_approve(self):
        promo = self._promotion()
        promo.action_chain_request_go_live()
        request = self._request_of(promo, "action_chain_go_live")
        with self.assertRaises(UserError):
            request.with_user(self.manager_b).action_chain_approve()
        self.assertFalse(promo.active)
