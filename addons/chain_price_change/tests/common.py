from odoo import Command

from odoo.addons.chain_store.tests.common import ChainStoreCase


class ChainPriceChangeCase(ChainStoreCase):
    """Formula sells at 199 chain-wide (cost 150); diapers at 89 (cost 60). Store A and region
    Zhejiang (store B) have their own pricelists; ``manager_b`` runs store B.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.formula = cls.product
        cls.formula.write({"list_price": 199.0, "standard_price": 150.0})
        cls.diapers = cls.env["product.product"].create(
            {"name": "Diapers M (test)", "list_price": 89.0, "standard_price": 60.0, "barcode": "6900000000028"}
        )
        Pricelist = cls.env["product.pricelist"]
        cls.pricelist_a = Pricelist.create({"name": "Store A prices (test)"})
        cls.pricelist_zj = Pricelist.create({"name": "Zhejiang prices (test)"})
        cls.store_a.pricelist_id = cls.pricelist_a
        cls.region_zj.pricelist_id = cls.pricelist_zj
        cls.manager_b = cls._user("t_manager_b", "chain_store.group_chain_store_manager")
        cls.store_b.manager_id = cls.manager_b
        cls.env.company.chain_price_change_approval = True
        # the fixture's own prices were logged as hand edits: they are not under test
        cls.env["chain.price.history"].search([]).unlink()
        # pricelist items start at the effective date's midnight in the requester's time zone
        (cls.manager_a | cls.manager_b | cls.region_manager | cls.chain_manager).tz = "Asia/Shanghai"

    def _change(self, prices, user=None, **vals):
        """A draft change created by ``user`` (store A's manager); ``prices`` = {product: new price}."""
        Change = self.env["chain.price.change"].with_user(user or self.manager_a)
        defaults = {"scope": "pricelist", "pricelist_target": "store", "store_id": self.store_a.id}
        if vals.get("scope") == "list_price" or vals.get("pricelist_target") == "region":
            defaults.pop("store_id")
        return Change.create(
            {
                **defaults,
                "reason": "Supplier price rise",
                "line_ids": [Command.create({"product_id": p.id, "new_price": price}) for p, price in prices.items()],
                **vals,
            }
        )

    def _approved(self, prices, approver=None, **vals):
        change = self._change(prices, **vals)
        change.action_submit()
        change.with_user(approver or self.chain_manager).action_approve()
        return change

    def _items(self, pricelist, product):
        return self.env["product.pricelist.item"].search(
            [("pricelist_id", "=", pricelist.id), ("product_id", "=", product.id)], order="date_start"
        )
