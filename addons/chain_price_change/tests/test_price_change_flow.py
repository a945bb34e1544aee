from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ChainPriceChangeCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02 10:00:00")
class TestPriceChangeFlow(ChainPriceChangeCase):
    def test_submit_waits_for_approval_then_approve(self):
        change = self._change({self.formula: 179.0}, effective_date="2026-03-05")
        self.assertRegex(change.name, r"^PC/2026/\d{5}$")
        self.assertEqual(change.pricelist_id, self.pricelist_a)
        change.action_submit()
        self.assertEqual(change.state, "to_approve")
        change.with_user(self.manager_a).action_approve()
        self.assertRecordValues(change, [{"state": "approved", "approved_by_id": self.manager_a.id}])

    def test_without_approval_submit_approves(self):
        self.env.company.chain_price_change_approval = False
        change = self._change({self.formula: 179.0})
        change.action_submit()
        self.assertEqual(change.state, "approved")

    def test_current_price_frozen_at_submit_and_margin(self):
        change = self._change({self.formula: 140.0, self.diapers: 99.0}, scope="list_price", user=self.chain_manager)
        change.action_submit()
        self.formula.list_price = 210.0  # a later hand edit does not move the submitted line
        formula_line, diapers_line = change.line_ids
        self.assertRecordValues(formula_line, [{"current_price": 199.0, "new_price": 140.0, "below_cost": True}])
        self.assertAlmostEqual(formula_line.change_percent, -29.6, places=1)
        self.assertAlmostEqual(formula_line.margin_percent, -7.1, places=1)
        self.assertFalse(diapers_line.below_cost)
        self.assertAlmostEqual(diapers_line.margin_percent, 39.4, places=1)

    def test_current_price_of_store_pricelist(self):
        self.env["product.pricelist.item"].create(
            {"pricelist_id": self.pricelist_a.id, "applied_on": "0_product_variant", "product_id": self.formula.id,
             "compute_price": "fixed", "fixed_price": 189.0}
        )  # fmt: skip
        change = self._change({self.formula: 179.0})
        self.assertEqual(change.line_ids.current_price, 189.0)

    def test_bad_input_is_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "must be greater than zero"):
            self._change({self.formula: -5.0})
        past = self._change({self.formula: 179.0}, effective_date="2026-03-01")
        with self.assertRaisesRegex(UserError, "in the past"):
            past.action_submit()
        self.assertEqual(past.state, "draft")
        empty = self._change({})
        with self.assertRaisesRegex(UserError, "no product"):
            empty.action_submit()
        self.store_b.pricelist_id = False
        no_pricelist = self._change({self.formula: 179.0}, user=self.manager_b, store_id=self.store_b.id)
        with self.assertRaisesRegex(UserError, "has no pricelist"):
            no_pricelist.action_submit()
        twice = self._change({self.formula: 179.0})
        twice.line_ids = [Command.create({"product_id": self.formula.id, "new_price": 170.0})]
        with self.assertRaisesRegex(UserError, "twice"):
            twice.action_submit()

    def test_reason_is_required_in_the_form(self):
        form = Form(self.env["chain.price.change"].with_user(self.manager_a))
        form.store_id = self.store_a
        with form.line_ids.new() as line:
            line.product_id = self.formula
            line.new_price = 185.0
        with self.assertRaises(AssertionError):
            form.save()  # reason missing
        form.reason = "Competitor price"
        change = form.save()
        self.assertEqual(change.line_ids.current_price, 199.0)

    def test_approval_rights(self):
        store_change = self._change({self.formula: 179.0})
        store_change.action_submit()
        with self.assertRaises(AccessError):
            store_change.with_user(self.manager_b).action_approve()
        store_change.with_user(self.region_manager).action_approve()  # Shanghai manages store A
        self.assertEqual(store_change.state, "approved")

        list_change = self._change({self.formula: 179.0}, scope="list_price", user=self.chain_manager)
        list_change.action_submit()
        with self.assertRaisesRegex(AccessError, "chain manager"):
            list_change.with_user(self.manager_a).action_approve()
        list_change.with_user(self.chain_manager).action_approve()
        self.assertEqual(list_change.state, "approved")

    def test_region_change_needs_manager_of_every_store(self):
        Store = self.env["chain.store"]
        Store.create({"code": "TC01", "name": "Test Store C", "region_id": self.region_zj.id})
        change = self._change({self.formula: 179.0}, user=self.chain_manager, pricelist_target="region",
                              region_id=self.region_zj.id)  # fmt: skip
        self.assertEqual(change.pricelist_id, self.pricelist_zj)
        change.action_submit()
        with self.assertRaises(AccessError):
            change.with_user(self.manager_b).action_approve()  # runs store B, not store C
        self.assertEqual(change.state, "to_approve")
        self.region_sh.pricelist_id = self.env["product.pricelist"].create({"name": "Shanghai prices (test)"})
        shanghai = self._change({self.formula: 179.0}, user=self.region_manager, pricelist_target="region",
                                region_id=self.region_sh.id)  # fmt: skip
        shanghai.action_submit()
        shanghai.with_user(self.region_manager).action_approve()  # manages every store of Shanghai
        self.assertEqual(shanghai.state, "approved")

    def test_lines_are_fixed_once_submitted(self):
        change = self._change({self.formula: 179.0})
        change.action_submit()
        with self.assertRaisesRegex(UserError, "no longer a draft"), self.env.cr.savepoint():
            change.line_ids.new_price = 1.0
        with self.assertRaisesRegex(UserError, "no longer a draft"), self.env.cr.savepoint():
            change.line_ids = [Command.create({"product_id": self.diapers.id, "new_price": 80.0})]
        self.env.invalidate_all()
        self.assertEqual(change.line_ids.mapped("new_price"), [179.0])

    def test_reset_and_cancel(self):
        change = self._change({self.formula: 179.0})
        change.action_submit()
        change.action_reset_draft()
        self.assertEqual(change.state, "draft")
        change.action_cancel()
        self.assertEqual(change.state, "cancel")
        change.unlink()
        self.assertFalse(change.exists())
