from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainStoreCase


@tagged("post_install", "-at_install")
class TestStoreAccess(ChainStoreCase):
    """Store users read zero records of another store, on every store document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pos_a = cls._pos_config(cls.store_a)
        cls.pos_b = cls._pos_config(cls.store_b)
        cls.order_a = cls._pos_order(cls.pos_a)
        cls.order_b = cls._pos_order(cls.pos_b)
        cls.picking_b = cls._transfer(cls.wh_b.int_type_id, cls.wh_b.lot_stock_id, cls._shelf(cls.wh_b))
        cls.picking_b.action_confirm()
        cls.picking_b.action_assign()
        cls.picking_a = cls._transfer(cls.wh_a.int_type_id, cls.wh_a.lot_stock_id, cls._shelf(cls.wh_a))
        cls.picking_a.action_confirm()
        cls.picking_a.action_assign()
        cls._store_documents(cls.store_a)
        cls._store_documents(cls.store_b)

    @classmethod
    def _store_documents(cls, store):
        """A scrap and a replenishment rule in ``store``."""
        wh = store.warehouse_id
        cls.env["stock.warehouse.orderpoint"].create(
            {
                "warehouse_id": wh.id,
                "location_id": wh.lot_stock_id.id,
                "product_id": cls.product.id,
                "product_min_qty": 2,
                "product_max_qty": 12,
            }
        )
        cls.env["stock.scrap"].create({"product_id": cls.product.id, "scrap_qty": 1, "location_id": wh.lot_stock_id.id})

    def _records(self, store):
        """Every store document of ``store``, by model (as superuser)."""
        wh = store.warehouse_id
        picking = self.picking_a if store == self.store_a else self.picking_b
        config = self.pos_a if store == self.store_a else self.pos_b
        order = self.order_a if store == self.store_a else self.order_b
        locations = self.env["stock.location"].search([("warehouse_id", "=", wh.id)])
        return {
            "chain.store": store,
            "chain.store.stock.report": self.env["chain.store.stock.report"].search([("store_id", "=", store.id)]),
            "stock.warehouse": wh,
            "stock.location": locations,
            "stock.picking.type": self.env["stock.picking.type"].search([("warehouse_id", "=", wh.id)]),
            "stock.picking": picking,
            "stock.move": picking.move_ids,
            "stock.move.line": picking.move_line_ids,
            "stock.quant": self.env["stock.quant"].search([("location_id", "in", locations.ids)]),
            "stock.scrap": self.env["stock.scrap"].search([("location_id", "in", locations.ids)]),
            "stock.warehouse.orderpoint": self.env["stock.warehouse.orderpoint"].search([("warehouse_id", "=", wh.id)]),
            "pos.config": config,
            "pos.session": config.session_ids,
            "pos.order": order,
            "pos.order.line": order.lines,
            "pos.payment": order.payment_ids,
        }

    def assertSeesOnly(self, user, visible_store, hidden_store):
        visible = self._records(visible_store)
        hidden = self._records(hidden_store)
        for model, records in hidden.items():
            with self.subTest(model=model, user=user.login):
                self.assertTrue(records, f"the fixture has {model} records in {hidden_store.code}")
                self.assertTrue(visible[model], f"the fixture has {model} records in {visible_store.code}")
                Model = self.env[model].with_user(user)
                self.assertFalse(
                    Model.search([("id", "in", records.ids)]), f"{user.login} reads {model} of {hidden_store.code}"
                )
                self.assertEqual(Model.search_count([("id", "in", records.ids)]), 0)
                self.assertEqual(Model.search([("id", "in", visible[model].ids)]), visible[model])
                with self.assertRaises(AccessError):
                    records.with_user(user).read(["display_name"])

    def test_store_staff_sees_only_their_store(self):
        self.assertSeesOnly(self.staff_a, self.store_a, self.store_b)
        self.assertSeesOnly(self.staff_b, self.store_b, self.store_a)

    def test_store_manager_sees_only_the_store_they_run(self):
        self.assertSeesOnly(self.manager_a, self.store_a, self.store_b)

    def test_region_manager_sees_their_region_only(self):
        self.assertSeesOnly(self.region_manager, self.store_a, self.store_b)
        # the manager of the parent region sees the stores of its sub-regions
        self.region_east.manager_id = self.region_manager
        self.region_sh.manager_id = False
        self.assertSeesOnly(self.region_manager, self.store_a, self.store_b)

    def test_chain_manager_sees_every_store(self):
        for model, records in self._records(self.store_b).items():
            with self.subTest(model=model):
                self.assertEqual(
                    self.env[model].with_user(self.chain_manager).search([("id", "in", records.ids)]), records
                )

    def test_who_manages_which_stores(self):
        both = self.store_a | self.store_b
        self.assertTrue(self.manager_a._chain_manages_stores(self.store_a))
        self.assertTrue(self.manager_a._chain_manages_stores(both), "one of them is enough")
        self.assertFalse(self.manager_a._chain_manages_stores(both, all_of=True))
        self.assertFalse(self.manager_a._chain_manages_stores(self.store_b))
        self.assertFalse(self.staff_a._chain_manages_stores(self.store_a), "staff manage nothing")
        self.assertTrue(self.region_manager._chain_manages_stores(self.store_a))
        self.assertFalse(self.region_manager._chain_manages_stores(self.store_b))
        self.assertTrue(self.chain_manager._chain_manages_stores(both, all_of=True))

    def test_new_store_assignment_applies_at_once(self):
        Picking = self.env["stock.picking"].with_user(self.staff_a)
        self.assertFalse(Picking.search([("id", "=", self.picking_b.id)]))
        self.staff_a.chain_store_ids = [Command.link(self.store_b.id)]
        self.assertEqual(Picking.search([("id", "=", self.picking_b.id)]), self.picking_b)
        self.staff_a.chain_store_ids = [Command.unlink(self.store_b.id)]
        self.assertFalse(Picking.search([("id", "=", self.picking_b.id)]))

    def test_store_user_cannot_write_another_store(self):
        with self.assertRaises(AccessError):
            self.picking_b.with_user(self.staff_a).write({"origin": "hijack"})
        with self.assertRaises(AccessError):
            self.store_b.with_user(self.manager_a).write({"phone": "110"})
        self.store_a.with_user(self.manager_a).write({"phone": "021-5555"})
        self.assertEqual(self.store_a.phone, "021-5555")

    def test_store_staff_cannot_edit_the_store_sheet(self):
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.staff_a).write({"phone": "110"})

    def test_users_outside_the_chain_groups_keep_odoo_access(self):
        """A partner's existing stock user, in no Chain group, is not restricted by store."""
        from odoo.tests import new_test_user

        clerk = new_test_user(self.env, login="t_clerk", groups="stock.group_stock_user")
        pickings = (
            self.env["stock.picking"].with_user(clerk).search([("id", "in", (self.picking_a | self.picking_b).ids)])
        )
        self.assertEqual(pickings, self.picking_a | self.picking_b)

    def test_store_report_rows_follow_store_access(self):
        Report = self.env["chain.store.stock.report"].with_user(self.staff_a)
        groups = Report._read_group([("product_id", "=", self.product.id)], ["store_id"], ["quantity:sum"])
        self.assertEqual(groups, [(self.store_a, 10.0)])
