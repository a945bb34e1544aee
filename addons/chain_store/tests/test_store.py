from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ChainStoreCase


@tagged("post_install", "-at_install")
class TestStore(ChainStoreCase):
    def test_creating_a_store_creates_its_warehouse_and_address(self):
        store = self.env["chain.store"].create(
            {"code": "SZ-GY-01", "name": "Suzhou Garden Road", "city": "Suzhou", "phone": "0512-6666"}
        )
        self.assertTrue(store.warehouse_id)
        self.assertEqual(store.warehouse_id.code, "SZG01")
        self.assertEqual(store.warehouse_id.name, "Suzhou Garden Road")
        self.assertEqual(store.warehouse_id.chain_store_id, store)
        self.assertTrue(store.warehouse_id.pos_type_id, "the store warehouse has a POS operation type")
        self.assertEqual(store.partner_id.city, "Suzhou")
        self.assertEqual(store.warehouse_id.partner_id, store.partner_id)
        self.assertEqual(store.display_name, "[SZ-GY-01] Suzhou Garden Road")

    def test_store_form(self):
        form = Form(self.env["chain.store"])
        form.code = "NJ01"
        form.name = "Nanjing Xinjiekou"
        form.region_id = self.region_east
        form.floor_area = 180.5
        store = form.save()
        self.assertEqual(store.state, "preparing")
        self.assertEqual(store.kind, "store")
        self.assertTrue(store.warehouse_id)
        self.assertIn(store, self.region_east.store_ids)

    def test_two_stores_with_one_name_get_distinct_warehouses(self):
        first, second = self.env["chain.store"].create(
            [{"code": "DUP1", "name": "Same Name"}, {"code": "DUP2", "name": "Same Name"}]
        )
        self.assertNotEqual(first.warehouse_id, second.warehouse_id)
        self.assertEqual(second.warehouse_id.name, "Same Name (DUP2)")

    def test_store_code_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["chain.store"].create({"code": "TA01", "name": "Copy of A"})

    def test_warehouse_belongs_to_one_store(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["chain.store"].create({"code": "TA02", "name": "Other", "warehouse_id": self.wh_a.id})

    def test_existing_warehouse_can_become_a_store(self):
        warehouse = self.env["stock.warehouse"].create({"name": "Old Shop", "code": "OLD"})
        store = self.env["chain.store"].create({"code": "OLD", "name": "Old Shop", "warehouse_id": warehouse.id})
        self.assertEqual(store.warehouse_id, warehouse)
        self.assertEqual(warehouse.chain_store_id, store)

    def test_negative_floor_area_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.store_a.floor_area = -5

    def test_manager_is_always_staff(self):
        self.assertIn(self.manager_a, self.store_a.user_ids)
        self.assertIn(self.store_a, self.manager_a.chain_store_ids)

    def test_lifecycle(self):
        self.store_a.action_open()
        self.assertEqual(self.store_a.state, "open")
        with self.assertRaises(UserError):
            self.store_a.unlink()
        self.store_a.action_suspend()
        self.assertEqual(self.store_a.state, "suspended")
        self.store_a.action_close()
        self.assertEqual(self.store_a.state, "closed")

    def test_search_by_code(self):
        self.assertEqual(self.env["chain.store"].name_search("TB01"), [(self.store_b.id, self.store_b.display_name)])

    def test_region_hierarchy(self):
        self.assertEqual(self.region_sh.complete_name, "East / Shanghai")
        self.assertEqual(self.region_east.store_count, 1, "a region counts the stores of its sub-regions")
        self.assertEqual(self.region_zj.store_count, 1)
        with self.assertRaises(UserError):  # "Recursion Detected" (ValidationError is a UserError too)
            self.region_east.parent_id = self.region_sh
        action = self.region_east.action_view_stores()
        self.assertEqual(self.env["chain.store"].search(action["domain"]), self.store_a)

    def test_current_store_must_be_allowed(self):
        with self.assertRaises(ValidationError):
            self.staff_a.chain_store_id = self.store_b
        self.staff_a.chain_store_ids = [Command.link(self.store_b.id)]
        self.staff_a.chain_store_id = self.store_b
        self.assertEqual(self.staff_a.chain_store_id, self.store_b)

    def test_user_changes_current_store_in_preferences(self):
        self.staff_a.chain_store_ids = [Command.link(self.store_b.id)]
        self.staff_a.with_user(self.staff_a).write({"chain_store_id": self.store_b.id})
        self.assertEqual(self.staff_a.chain_store_id, self.store_b)

    def test_pos_config_belongs_to_the_store_of_its_operation_type(self):
        config = self._pos_config(self.store_a)
        self.assertEqual(config.chain_store_id, self.store_a)
        self.assertEqual(self.store_a.pos_config_ids, config)
        self.assertEqual(self.store_a.pos_config_count, 1)
        config.picking_type_id = self.wh_b.pos_type_id
        self.assertEqual(config.chain_store_id, self.store_b)

    def test_store_actions_open_the_store_records(self):
        stock = self.store_a.action_view_stock()
        quants = self.env["stock.quant"].search(stock["domain"])
        self.assertEqual(quants.warehouse_id, self.wh_a)
        config = self._pos_config(self.store_a)
        self.assertEqual(self.env["pos.config"].search(self.store_a.action_view_pos_configs()["domain"]), config)
