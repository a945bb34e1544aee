from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class ChainDemoCase(TransactionCase):
    """A distribution centre, two open stores with their managers and three products.

    Built from scratch: nothing here relies on the demo data. The first
    product is lot-tracked with expiry dates (720 days, alert 90 days
    before), so the opening-stock plan gives it a fresh, an older, a
    near-expiry and an expired lot; the second is lot-tracked too, the third
    (diapers) is not tracked.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Store = cls.env["chain.store"]
        cls.region = cls.env["chain.store.region"].create({"name": "Test region", "code": "T-R"})
        cls.manager_a = new_test_user(cls.env, login="t_demo_manager_a", groups="chain_store.group_chain_store_manager")
        cls.manager_b = new_test_user(cls.env, login="t_demo_manager_b", groups="chain_store.group_chain_store_manager")
        cls.dc = Store.create({"code": "TDC", "name": "Test DC", "kind": "dc", "state": "open"})
        cls.store_a, cls.store_b = Store.create(
            [
                {
                    "code": "TDA",
                    "name": "Test demo store A",
                    "state": "open",
                    "region_id": cls.region.id,
                    "manager_id": cls.manager_a.id,
                },
                {
                    "code": "TDB",
                    "name": "Test demo store B",
                    "state": "open",
                    "region_id": cls.region.id,
                    "manager_id": cls.manager_b.id,
                },
            ]
        )
        cls.stores = cls.dc | cls.store_a | cls.store_b
        expiry = {
            "tracking": "lot",
            "use_expiration_date": True,
            "expiration_time": 720,
            "use_time": 60,
            "removal_time": 30,
            "alert_time": 90,
        }
        cls.formula, cls.formula_2, cls.diapers = cls.env["product.product"].create(
            [
                {
                    "name": "Formula stage 1 (test)",
                    "is_storable": True,
                    "available_in_pos": True,
                    "list_price": 328.0,
                    "standard_price": 210.0,
                    "taxes_id": [Command.clear()],
                    **expiry,
                },
                {
                    "name": "Formula stage 2 (test)",
                    "is_storable": True,
                    "available_in_pos": True,
                    "list_price": 318.0,
                    "standard_price": 204.0,
                    "taxes_id": [Command.clear()],
                    **expiry,
                },
                {
                    "name": "Diapers M (test)",
                    "is_storable": True,
                    "available_in_pos": True,
                    "list_price": 139.0,
                    "standard_price": 81.0,
                    "taxes_id": [Command.clear()],
                },
            ]
        )
        cls.products = cls.formula | cls.formula_2 | cls.diapers

    def _quants(self, stores=None):
        stores = stores or self.stores
        return self.env["stock.quant"].search(
            [("location_id", "in", stores.warehouse_id.lot_stock_id.ids), ("product_id", "in", self.products.ids)]
        )
