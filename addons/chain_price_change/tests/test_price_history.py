from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChainPriceChangeCase


@tagged("post_install", "-at_install")
class TestPriceHistory(ChainPriceChangeCase):
    def test_applied_changes_and_hand_edits_are_logged(self):
        with freeze_time("2026-03-02 10:00:00"):
            change = self._approved({self.formula: 179.0}, scope="list_price", user=self.chain_manager)
            change.with_user(self.chain_manager).action_apply_now()
            self.formula.product_tmpl_id.with_user(self.chain_manager).list_price = 169.0
            store_change = self._approved({self.formula: 159.0}, approver=self.manager_a)
            store_change.with_user(self.manager_a).action_apply_now()
        template = self.formula.product_tmpl_id
        history = template.chain_price_history_ids.sorted("id")
        self.assertRecordValues(
            history,
            [
                {"scope": "list_price", "old_price": 199.0, "new_price": 179.0, "change_id": change.id,
                 "user_id": self.chain_manager.id, "store_id": False},
                {"scope": "list_price", "old_price": 179.0, "new_price": 169.0, "change_id": False,
                 "user_id": self.chain_manager.id, "store_id": False},
                {"scope": "pricelist", "old_price": 169.0, "new_price": 159.0, "change_id": store_change.id,
                 "user_id": self.manager_a.id, "store_id": self.store_a.id},
            ],
        )  # fmt: skip
        self.assertAlmostEqual(history[0].change_percent, -10.1, places=1)
        self.assertEqual(template.chain_price_history_count, 3)
        action = template.action_chain_price_history()
        self.assertEqual(self.env["chain.price.history"].search(action["domain"]), history)
        # the variant form shows the same button (its view inherits the template form)
        action = template.product_variant_id.action_chain_price_history()
        self.assertEqual(self.env["chain.price.history"].search(action["domain"]), history)

    def test_hand_edits_of_store_pricelists_are_logged(self):
        Item = self.env["product.pricelist.item"]
        item = Item.create(
            {"pricelist_id": self.pricelist_a.id, "applied_on": "0_product_variant", "product_id": self.formula.id,
             "compute_price": "fixed", "fixed_price": 189.0}
        )  # fmt: skip
        item.fixed_price = 185.0
        item.min_quantity = 0  # no price moved: no row
        Item.create({"pricelist_id": self.env["product.pricelist"].create({"name": "Other"}).id,
                     "applied_on": "0_product_variant", "product_id": self.formula.id,
                     "compute_price": "fixed", "fixed_price": 100.0})  # fmt: skip
        history = self.formula.product_tmpl_id.chain_price_history_ids.sorted("id")
        self.assertRecordValues(
            history,
            [
                {"scope": "pricelist", "store_id": self.store_a.id, "old_price": 0.0, "new_price": 189.0},
                {"scope": "pricelist", "store_id": self.store_a.id, "old_price": 189.0, "new_price": 185.0},
            ],
        )

    def test_unchanged_price_writes_no_history(self):
        self.formula.product_tmpl_id.write({"list_price": 199.0, "name": "Formula renamed"})
        self.assertFalse(self.formula.product_tmpl_id.chain_price_history_ids)

    def test_import_lines_from_a_spreadsheet(self):
        change = self._change({})
        Line = self.env["chain.price.change.line"].with_user(self.manager_a).with_context(default_change_id=change.id)
        rows = [["Diapers M (test)", "95"], ["Infant formula stage 1 (test)", "189.5"]]
        result = Line.load(["product_id", "new_price"], rows)
        self.assertFalse(result["messages"])
        self.assertEqual(
            {line.product_id: (line.current_price, line.new_price) for line in change.line_ids},
            {self.diapers: (89.0, 95.0), self.formula: (199.0, 189.5)},
        )
        with self.env.cr.savepoint():
            bad = Line.load(["product_id", "new_price"], [["Diapers M (test)", "-3"]])
        self.assertIn("greater than zero", bad["messages"][0]["message"])
        self.assertEqual(len(change.line_ids), 2)

    def test_wizard_from_products_creates_a_draft_change(self):
        templates = (self.formula | self.diapers).product_tmpl_id
        Wizard = self.env["chain.price.change.wizard"].with_user(self.manager_a)
        wizard = Wizard.with_context(active_model="product.template", active_ids=templates.ids).create(
            {"store_id": self.store_a.id, "reason": "Spring sale", "percent": -10, "rounding": "1.0"}
        )
        action = wizard.action_create()
        change = self.env["chain.price.change"].browse(action["res_id"])
        self.assertRecordValues(change, [{"state": "draft", "store_id": self.store_a.id, "reason": "Spring sale"}])
        prices = {line.product_id: (line.current_price, line.new_price) for line in change.line_ids}
        self.assertEqual(prices, {self.formula: (199.0, 179.0), self.diapers: (89.0, 80.0)})
