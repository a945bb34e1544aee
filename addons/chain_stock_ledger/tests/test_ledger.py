from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.chain_stock_ledger.report.chain_stock_ledger_query import ledger_query, store_locations_query

from .common import ChainLedgerCase


@tagged("post_install", "-at_install")
class TestLedger(ChainLedgerCase):
    def assertFigures(self, row, expected):
        for key, value in expected.items():
            self.assertAlmostEqual(row[key], value, places=4, msg=key)

    def test_store_period_columns(self):
        row = self._row(self._rows(self.store_a), self.store_a, self.diapers)
        self.assertFigures(
            row,
            {
                "opening_qty": 20,
                "receipt_qty": 10,
                "transfer_in_qty": 0,
                "return_qty": 1,
                "pos_sale_qty": 4,
                "sale_qty": 3,
                "transfer_out_qty": 5,
                "inventory_qty": -1,
                "scrap_qty": 2,
                "other_qty": 0,
                "closing_qty": 16,
            },
        )
        self.assertEqual(row["uom_id"], self.diapers.uom_id.id)
        self.assertEqual(row["categ_id"], self.categ_avco.id)
        self.assertEqual(row["region_id"], self.region_sh.id)
        movements = ("receipt", "transfer_in", "return", "inventory", "other")
        outs = ("pos_sale", "sale", "transfer_out", "scrap")
        for measure in ("qty", "value"):
            closing = (
                row[f"opening_{measure}"]
                + sum(row[f"{name}_{measure}"] for name in movements)
                - sum(row[f"{name}_{measure}"] for name in outs)
            )
            self.assertAlmostEqual(row[f"closing_{measure}"], closing, places=4)

    def test_closing_ties_out_with_stock_on_hand(self):
        """A period ending today closes on the stock of the store's internal locations (the
        put-away to A's shelf, inside the store, changes nothing)."""
        rows = self._rows(self.store_a | self.store_b, by_lot=False)
        for store in (self.store_a, self.store_b):
            for product in (self.diapers, self.formula):
                with self.subTest(store=store.code, product=product.name):
                    on_hand = self._on_hand(store, product)
                    if store == self.store_b and product == self.formula:
                        keys = {(r["store_id"], r["product_id"]) for r in rows}
                        self.assertNotIn((store.id, product.id), keys)
                        continue
                    self.assertAlmostEqual(self._row(rows, store, product)["closing_qty"], on_hand, places=4)
        self.assertEqual(self._on_hand(self.store_a, self.diapers), 16)
        self.assertEqual(self._on_hand(self.store_b, self.diapers), 14)

    def test_values_tie_with_valuation_layers(self):
        rows = self._rows(self.store_a | self.store_b)
        row_a = self._row(rows, self.store_a, self.diapers)
        row_b = self._row(rows, self.store_b, self.diapers)
        self.assertFigures(
            row_a,
            {
                "opening_value": 200.0,
                "receipt_value": 160.0,
                "transfer_out_value": 0.0,  # between stores of one company: no valuation layer
                "pos_sale_value": 46.0,
                "sale_value": 34.5,
                "return_value": 11.5,
                "scrap_value": 23.0,
                "inventory_value": -11.5,
                "closing_value": 256.5,
            },
        )
        self.assertFigures(row_b, {"opening_value": 100.0, "sale_value": 11.5, "closing_value": 88.5})
        layers = self.env["stock.valuation.layer"].search([("product_id", "=", self.diapers.id)])
        self.assertAlmostEqual(row_a["closing_value"] + row_b["closing_value"], sum(layers.mapped("value")), places=2)
        self.assertAlmostEqual(sum(layers.mapped("value")), 30 * 11.5, places=2)
        period_layers = layers.filtered(lambda layer: layer.stock_move_id.date >= self.t2 - timedelta(days=1))
        movement = sum(
            row[f"{name}_value"] * (-1 if name in ("pos_sale", "sale", "transfer_out", "scrap") else 1)
            for row in (row_a, row_b)
            for name in ("receipt", "transfer_in", "return", "pos_sale", "sale", "transfer_out", "inventory", "scrap")
        )
        self.assertAlmostEqual(movement, sum(period_layers.mapped("value")), places=2)

    def test_opening_is_previous_closing(self):
        before = (self.period[0] - timedelta(days=30), self.period[0] - timedelta(days=1))
        previous = self._row(self._rows(self.store_a, before), self.store_a, self.diapers)
        current = self._row(self._rows(self.store_a), self.store_a, self.diapers)
        self.assertEqual(previous["receipt_qty"], 20)
        self.assertEqual(previous["opening_qty"], 0)
        self.assertAlmostEqual(previous["closing_qty"], current["opening_qty"])
        self.assertAlmostEqual(previous["closing_value"], current["opening_value"])

    def test_period_without_movement_shows_the_stock(self):
        """A product with stock but no movement in the period has a row (opening = closing); a
        period before anything happened has none."""
        quiet = (self.today - timedelta(days=30), self.today - timedelta(days=25))
        row = self._row(self._rows(self.store_b, quiet), self.store_b, self.diapers)
        self.assertFigures(row, {"opening_qty": 10, "closing_qty": 10, "receipt_qty": 0, "closing_value": 100.0})
        early = (self.today - timedelta(days=100), self.today - timedelta(days=90))
        early_rows = self._rows(self.store_a | self.store_b, early)
        self.assertFalse([r for r in early_rows if r["product_id"] == self.diapers.id])

    def test_chain_wide_transfers_balance(self):
        rows = [r for r in self._rows(self.store_a | self.store_b) if r["product_id"] == self.diapers.id]
        self.assertEqual(sorted(r["store_id"] for r in rows), sorted((self.store_a | self.store_b).ids))
        self.assertEqual(self._row(rows, self.store_b, self.diapers)["transfer_in_qty"], 5)
        self.assertEqual(sum(r["transfer_in_qty"] for r in rows), sum(r["transfer_out_qty"] for r in rows))
        self.assertEqual(sum(r["closing_qty"] for r in rows), self.diapers.qty_available)

    def test_by_lot(self):
        rows = self._rows(self.store_a, by_lot=True)
        lot1 = self._row(rows, self.store_a, self.formula, self.lot1)
        lot2 = self._row(rows, self.store_a, self.formula, self.lot2)
        self.assertFigures(lot1, {"opening_qty": 6, "pos_sale_qty": 2, "closing_qty": 4, "opening_value": 600.0})
        self.assertFigures(lot2, {"opening_qty": 0, "receipt_qty": 4, "closing_qty": 4, "receipt_value": 400.0})
        for lot, row in ((self.lot1, lot1), (self.lot2, lot2)):
            self.assertAlmostEqual(row["closing_qty"], self._on_hand(self.store_a, self.formula, lot))
        # untracked products still have their row, without a lot
        self.assertEqual(self._row(rows, self.store_a, self.diapers)["closing_qty"], 16)
        # per product, the lots add up to the product's row
        product_row = self._row(self._rows(self.store_a), self.store_a, self.formula)
        for name in ("opening_qty", "receipt_qty", "pos_sale_qty", "closing_qty", "closing_value"):
            self.assertAlmostEqual(product_row[name], lot1[name] + lot2[name], places=4, msg=name)

    def test_quantities_in_product_unit(self):
        dozens = self.env.ref("uom.product_uom_dozen")
        self._done(self.wh_b.in_type_id, self.suppliers, self.stock_b, self.diapers, 2, price=120.0, uom=dozens)
        row = self._row(self._rows(self.store_b), self.store_b, self.diapers)
        self.assertFigures(row, {"receipt_qty": 24, "closing_qty": 38})
        self.assertAlmostEqual(row["closing_qty"], self._on_hand(self.store_b, self.diapers))

    def test_supplier_return_and_stock_found(self):
        """A return to the supplier lowers the receipts; stock found at a count is a positive adjustment."""
        self._done(self.wh_b.out_type_id, self.stock_b, self.suppliers, self.diapers, 2)
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.diapers.id), ("location_id", "=", self.stock_b.id)]
        )
        quant.inventory_quantity = quant.quantity + 3
        quant.action_apply_inventory()
        row = self._row(self._rows(self.store_b), self.store_b, self.diapers)
        self.assertFigures(row, {"receipt_qty": -2, "inventory_qty": 3, "sale_qty": 1, "closing_qty": 15})
        self.assertAlmostEqual(row["closing_qty"], self._on_hand(self.store_b, self.diapers))
        self.assertAlmostEqual(row["inventory_value"], 3 * 11.5, places=2)

    def test_hashed_layers_give_the_same_ledger(self):
        """The query shape used for many stores (layer table hashed) gives the rows of the shape used
        for a few (layers looked up by move)."""
        Ledger = self.env["chain.stock.ledger"]
        stores = self.store_a | self.store_b
        start, end = Ledger._chain_ledger_bounds(*self.period)
        self.env.cr.execute(store_locations_query(stores.ids))
        locations = [row[0] for row in self.env.cr.fetchall()]
        for by_lot in (False, True):
            with self.subTest(by_lot=by_lot):
                query = ledger_query(stores.ids, locations, start, end, by_lot=by_lot, lookup_layers=False)
                hashed = Ledger._chain_ledger_execute(query, fetch=True)
                self.assertEqual(hashed, self._rows(stores, by_lot=by_lot))

    def test_bad_input(self):
        with self.assertRaises(UserError):
            self._rows(self.store_a, (self.today, self.today - timedelta(days=1)))
        with self.assertRaises(UserError):
            self._rows(self.store_a.browse(), self.period)
        with self.assertRaises(ValidationError):
            self._ledger(date_from=self.today, date_to=self.today - timedelta(days=1))
        with self.assertRaises(UserError):
            self._ledger(store_ids=[]).action_show()
