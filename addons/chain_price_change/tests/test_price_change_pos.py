from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChainPriceChangeCase


@tagged("post_install", "-at_install")
class TestPriceChangePos(ChainPriceChangeCase):
    """The point of sale of a store loads the new prices at its next load (chain_store depends
    on point_of_sale, so this runs wherever the addon is installed)."""

    def _loaded(self, config, model, user):
        # the whole load, as the POS does when it starts, by the store's cashier
        return config.current_session_id.with_user(user).load_data([])[model]["data"]

    def test_pos_of_the_store_loads_the_applied_prices(self):
        self.formula.available_in_pos = True
        config = self._pos_config(self.store_a)
        config.write({"pricelist_id": self.pricelist_a.id, "available_pricelist_ids": [(6, 0, self.pricelist_a.ids)]})
        list_config = self._pos_config(self.store_b)
        config.open_ui()
        list_config.open_ui()
        with freeze_time("2026-03-02 10:00:00"):
            store_change = self._approved({self.formula: 169.0}, approver=self.manager_a)
            store_change.with_user(self.manager_a).action_apply_now()
            list_change = self._approved({self.formula: 179.0}, scope="list_price", user=self.chain_manager)
            list_change.with_user(self.chain_manager).action_apply_now()
        items = self._loaded(config, "product.pricelist.item", self.staff_a)
        items = [i for i in items if i["product_id"] == self.formula.id]
        self.assertEqual([(i["pricelist_id"], i["fixed_price"]) for i in items], [(self.pricelist_a.id, 169.0)])
        products = {p["id"]: p for p in self._loaded(list_config, "product.product", self.staff_b)}
        self.assertEqual(products[self.formula.id]["lst_price"], 179.0)
