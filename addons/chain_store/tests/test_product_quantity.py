from odoo.tests import tagged

from .common import ChainStoreCase

FIELDS = ("qty_available", "virtual_available", "free_qty", "incoming_qty", "outgoing_qty")


@tagged("post_install", "-at_install")
class TestProductQuantity(ChainStoreCase):
    """Quantities by warehouse match Odoo's own location-path domain exactly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_c = cls.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        wh_c = cls.store_c.warehouse_id
        cls.env["stock.quant"]._update_available_quantity(cls.product, wh_c.lot_stock_id, 5)
        suppliers = cls.env.ref("stock.stock_location_suppliers")
        customers = cls.env.ref("stock.stock_location_customers")
        incoming = cls._transfer(wh_c.in_type_id, suppliers, wh_c.lot_stock_id, qty=12)
        outgoing = cls._transfer(cls.wh_a.out_type_id, cls.wh_a.lot_stock_id, customers, qty=4)
        between = cls._transfer(cls.wh_a.int_type_id, cls.wh_a.lot_stock_id, cls.wh_b.lot_stock_id, qty=3)
        (incoming | outgoing | between).action_confirm()
        (outgoing | between).action_assign()

    def _figures(self, **context):
        ours = self.product.with_context(**context)
        plain = self.product.with_context(chain_plain_location_domain=True, **context)
        ours.invalidate_recordset()
        result_ours = {f: ours[f] for f in FIELDS}
        plain.invalidate_recordset()
        result_plain = {f: plain[f] for f in FIELDS}
        return result_ours, result_plain

    def test_all_warehouses(self):
        ours, plain = self._figures()
        self.assertEqual(ours, plain)
        self.assertEqual(ours["qty_available"], 22)
        self.assertEqual(ours["virtual_available"], 22 + 12 - 4)

    def test_one_and_several_warehouses(self):
        for warehouses in (
            [self.wh_a.id],
            [self.wh_b.id],
            [self.wh_a.id, self.wh_b.id],
            [self.store_c.warehouse_id.id],
        ):
            with self.subTest(warehouses=warehouses):
                ours, plain = self._figures(warehouse_id=warehouses)
                self.assertEqual(ours, plain)
        ours, _plain = self._figures(warehouse_id=[self.wh_a.id])
        self.assertEqual(ours["free_qty"], 10 - 4 - 3)
        self.assertEqual(ours["outgoing_qty"], 7)
        ours, _plain = self._figures(warehouse_id=[self.wh_b.id])
        self.assertEqual(ours["incoming_qty"], 3)

    def test_location_context_keeps_odoo_domain(self):
        shelf = self._shelf(self.wh_a)
        self.env["stock.quant"]._update_available_quantity(self.product, shelf, 2)
        ours, plain = self._figures(location=shelf.id)
        self.assertEqual(ours, plain)
        self.assertEqual(ours["qty_available"], 2)

    def test_store_user_sees_their_store_quantities(self):
        product = self.product.with_user(self.staff_a)
        self.assertEqual(product.qty_available, 10)

    def test_per_store_report(self):
        Report = self.env["chain.store.stock.report"]
        groups = dict(Report._read_group([("product_id", "=", self.product.id)], ["store_id"], ["quantity:sum"]))
        self.assertEqual(groups, {self.store_a: 10.0, self.store_b: 7.0, self.store_c: 5.0})
        action = self.product.product_tmpl_id.action_chain_view_store_stock()
        self.assertEqual(Report.search_count(action["domain"]), 3)

    def test_warehouse_without_store_is_not_in_the_store_report(self):
        warehouse = self.env["stock.warehouse"].create({"name": "Legacy", "code": "LEG"})
        self.env["stock.quant"]._update_available_quantity(self.product, warehouse.lot_stock_id, 1)
        stores = self.env["chain.store.stock.report"].search([("product_id", "=", self.product.id)]).store_id
        self.assertEqual(stores, self.store_a | self.store_b | self.store_c)
