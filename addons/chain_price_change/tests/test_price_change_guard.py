from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainPriceChangeCase


@tagged("post_install", "-at_install")
class TestPriceChangeGuard(ChainPriceChangeCase):
    """Who may make a price apply, whatever method they call (issue 20)."""

    def test_workflow_fields_change_through_the_buttons_only(self):
        change = self._change({self.formula: 179.0})
        change.action_submit()
        for user in (self.manager_a, self.region_manager, self.chain_manager):
            for vals in ({"state": "approved"}, {"approved_by_id": user.id}, {"state": "done"}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    change.with_user(user).write(vals)
        with self.assertRaises(UserError):
            change.line_ids.with_user(self.manager_a).write({"current_price": 1.0})
        self.assertEqual(change.state, "to_approve")
        self.env["chain.price.change"]._cron_apply()
        self.assertFalse(self._items(self.pricelist_a, self.formula), "a change waiting for approval never applies")

    def test_approved_change_cannot_be_pointed_elsewhere(self):
        change = self._approved({self.formula: 179.0}, approver=self.manager_a)
        for vals in (
            {"scope": "list_price"},
            {"store_id": self.store_b.id},
            {"pricelist_target": "region", "region_id": self.region_zj.id},
            {"effective_date": "2030-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "no longer a draft"):
                change.with_user(self.manager_a).write(vals)
        self.env["chain.price.change"]._cron_apply()
        self.assertEqual(self.formula.list_price, 199.0, "the chain's list price is untouched")
        self.assertEqual(self._items(self.pricelist_a, self.formula).fixed_price, 179.0)

    def test_without_approval_only_who_may_approve_approves_by_submitting(self):
        self.env.company.chain_price_change_approval = False
        self.region_sh.pricelist_id = self.env["product.pricelist"].create({"name": "Shanghai prices (test)"})
        self.env["chain.store"].create({"code": "TA02", "name": "Test Store A2", "region_id": self.region_sh.id})
        change = self._change({self.formula: 99.0})
        # a draft of store A, pointed by its store manager at the whole region of Shanghai
        change.with_user(self.manager_a).write({"pricelist_target": "region", "region_id": self.region_sh.id})
        change.with_user(self.manager_a).action_submit()
        self.assertEqual(change.state, "to_approve", "a store manager does not approve a region's prices")
        with self.assertRaises(AccessError):
            change.with_user(self.manager_a).action_approve()
        with self.assertRaises(UserError):
            change.with_user(self.manager_a).action_apply_now()
        self.env["chain.price.change"]._cron_apply()
        self.assertFalse(self._items(self.region_sh.pricelist_id, self.formula))
        change.with_user(self.region_manager).action_approve()  # manages every store of Shanghai
        self.assertEqual(change.state, "approved")
