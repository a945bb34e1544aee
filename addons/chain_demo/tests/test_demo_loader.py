from datetime import datetime, timedelta

from odoo.tests import freeze_time, tagged

from .common import ChainDemoCase

NOW = datetime(2026, 3, 2, 9, 0, 0)
TODAY = datetime(2026, 3, 2)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestOpeningStock(ChainDemoCase):
    def test_every_location_gets_stock_in_its_own_warehouse(self):
        quants = self.stores._chain_demo_load_opening_stock(self.products, today=TODAY)
        self.assertEqual(quants.location_id, self.stores.warehouse_id.lot_stock_id)
        self.assertEqual(quants, self._quants())
        dc_stock = sum(self._quants(self.dc).mapped("quantity"))
        store_stock = sum(self._quants(self.store_a).mapped("quantity"))
        self.assertGreater(dc_stock, 5 * store_stock)

    def test_lots_are_fresh_near_expiry_or_expired(self):
        self.stores._chain_demo_load_opening_stock(self.products, today=TODAY)
        lots = self._quants().lot_id
        self.assertEqual(lots.product_id, self.formula | self.formula_2)
        self.assertFalse(self._quants().filtered(lambda q: q.product_id == self.diapers and q.lot_id))
        formula_lots = lots.filtered(lambda lot: lot.product_id == self.formula).sorted("expiration_date")
        self.assertRecordValues(
            formula_lots,
            [
                {"name": "20240307D", "expiration_date": TODAY - timedelta(days=5)},
                {"name": "20240426C", "expiration_date": TODAY + timedelta(days=45)},
                {"name": "20250307B", "expiration_date": TODAY + timedelta(days=360)},
                {"name": "20260216A", "expiration_date": TODAY + timedelta(days=706)},
            ],
        )
        expired, near, older, fresh = formula_lots
        self.assertLess(expired.removal_date, NOW)
        self.assertTrue(near.alert_date <= NOW < near.expiration_date)
        self.assertGreater(older.alert_date, NOW)
        self.assertGreater(fresh.alert_date, NOW)
        # expired goods sit in stores, never in the DC
        self.assertFalse(self._quants(self.dc).filtered(lambda q: q.lot_id == expired))
        self.assertTrue(self._quants(self.store_a | self.store_b).filtered(lambda q: q.lot_id == expired))

    def test_stock_is_applied_as_an_inventory_adjustment(self):
        quants = self.stores._chain_demo_load_opening_stock(self.products, today=TODAY)
        self.assertEqual(quants.mapped("inventory_quantity_set"), [False] * len(quants))
        moves = self.env["stock.move"].search([("product_id", "in", self.products.ids), ("is_inventory", "=", True)])
        self.assertEqual(set(moves.mapped("state")), {"done"})
        self.assertEqual(sum(moves.mapped("quantity")), sum(quants.mapped("quantity")))
        self.assertEqual(self.formula.with_context(warehouse_id=self.dc.warehouse_id.id).qty_available, 204)

    def test_loading_twice_changes_nothing(self):
        self.stores._chain_demo_load_opening_stock(self.products, today=TODAY)
        before = [(q.location_id.id, q.product_id.id, q.lot_id.id, q.quantity) for q in self._quants()]
        lots = self.env["stock.lot"].search_count([("product_id", "in", self.products.ids)])
        again = self.stores._chain_demo_load_opening_stock(self.products, today=TODAY)
        self.assertFalse(again)
        self.assertEqual([(q.location_id.id, q.product_id.id, q.lot_id.id, q.quantity) for q in self._quants()], before)
        self.assertEqual(self.env["stock.lot"].search_count([("product_id", "in", self.products.ids)]), lots)

    def test_product_ids_are_accepted(self):
        quants = self.store_a._chain_demo_load_opening_stock(self.diapers.ids, today=TODAY)
        self.assertRecordValues(quants, [{"product_id": self.diapers.id, "quantity": 12.0}])


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestPointOfSale(ChainDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stores._chain_demo_load_opening_stock(cls.products, today=TODAY)
        cls.category = cls.env["pos.category"].create({"name": "Test formula"})

    def test_each_store_gets_a_pos_on_its_warehouse(self):
        configs = self.stores._chain_demo_setup_pos(self.category)
        self.assertEqual(len(configs), 2, "one POS per store, none for the DC")
        self.assertRecordValues(
            configs,
            [
                {"chain_store_id": self.store_a.id, "picking_type_id": self.store_a.warehouse_id.pos_type_id.id},
                {"chain_store_id": self.store_b.id, "picking_type_id": self.store_b.warehouse_id.pos_type_id.id},
            ],
        )
        for config in configs:
            self.assertEqual(config.iface_available_categ_ids, self.category)
            self.assertTrue(config.payment_method_ids.filtered("is_cash_count"))
        self.assertNotEqual(
            configs[0].payment_method_ids.filtered("is_cash_count"),
            configs[1].payment_method_ids.filtered("is_cash_count"),
            "each till counts its own cash",
        )
        self.assertEqual(self.stores._chain_demo_setup_pos(self.category), configs)
        self.assertEqual(self.env["pos.config"].search_count([("chain_store_id", "in", self.stores.ids)]), 2)

    def test_sales_are_paid_closed_and_seen_by_their_store_only(self):
        configs = self.stores._chain_demo_setup_pos()
        orders = self.stores._chain_demo_sell(self.products, orders_per_store=3)
        self.assertEqual(len(orders), 6)
        self.assertEqual(set(orders.mapped("state")), {"done"})
        self.assertEqual(set(orders.session_id.mapped("state")), {"closed"})
        self.assertEqual(orders.config_id, configs)
        sold_lots = orders.lines.pack_lot_ids.mapped("lot_name")
        self.assertTrue(sold_lots)
        self.assertFalse(
            self.env["stock.lot"].search([("name", "in", sold_lots), ("expiration_date", "<", NOW)]),
            "expired lots are never sold",
        )
        self.assertEqual(set(orders.picking_ids.mapped("state")), {"done"})
        orders_a = orders.filtered(lambda o: o.config_id.chain_store_id == self.store_a)
        self.assertEqual(self.env["pos.order"].with_user(self.manager_a).search([("id", "in", orders.ids)]), orders_a)
        self.assertFalse(self.stores._chain_demo_sell(self.products), "selling again creates no order")

    def test_preparing_store_sells_nothing(self):
        self.store_b.state = "preparing"
        self.stores._chain_demo_setup_pos()
        orders = self.stores._chain_demo_sell(self.products, orders_per_store=2)
        self.assertEqual(orders.config_id.chain_store_id, self.store_a)
