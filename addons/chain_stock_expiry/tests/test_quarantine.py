from odoo.tests import tagged

from .common import ChainExpiryCase


@tagged("post_install", "-at_install")
class TestQuarantine(ChainExpiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fresh = cls._lot("Q-FRESH", 500)
        cls.old_1 = cls._lot("Q-OLD-1", 2)
        cls.old_2 = cls._lot("Q-OLD-2", -5)
        cls.shelf_a2 = cls._shelf(cls.wh_a)
        cls._put(cls.fresh, cls.shelf_a, 8)
        cls._put(cls.old_1, cls.shelf_a, 3)
        cls._put(cls.old_1, cls.shelf_a2, 1)
        cls._put(cls.old_2, cls.shelf_a, 2)
        cls._put(cls.old_1, cls.shelf_b, 4)

    def _quarantine_pickings(self):
        return self.env["stock.picking"].search(
            [("location_dest_id.chain_quarantine", "=", True), ("state", "=", "done")]
        )

    def _qty(self, lot, location):
        return sum(
            self.env["stock.quant"]
            .search([("lot_id", "=", lot.id), ("location_id", "=", location.id)])
            .mapped("quantity")
        )

    def test_daily_job_moves_expired_stock_one_transfer_per_store(self):
        before = self._quarantine_pickings()
        self.env["stock.quant"]._chain_cron_quarantine()
        pickings = self._quarantine_pickings() - before
        self.assertEqual(len(pickings), 2, "one transfer per store")
        self.assertEqual(pickings.picking_type_id, self.wh_a.int_type_id | self.wh_b.int_type_id)
        picking_a = pickings.filtered(lambda p: p.picking_type_id.warehouse_id == self.wh_a)
        lines = {(line.lot_id.name, line.location_id.id): line.quantity for line in picking_a.move_line_ids}
        self.assertEqual(
            lines,
            {("Q-OLD-1", self.shelf_a.id): 3, ("Q-OLD-1", self.shelf_a2.id): 1, ("Q-OLD-2", self.shelf_a.id): 2},
            "lots and source shelves kept",
        )
        self.assertEqual(self._qty(self.old_1, self.quarantine_a), 4)
        self.assertEqual(self._qty(self.old_2, self.quarantine_a), 2)
        self.assertEqual(self._qty(self.old_1, self.quarantine_b), 4)
        self.assertEqual(self._qty(self.fresh, self.shelf_a), 8, "fresh stock stays on the shelf")
        self.assertEqual(self.old_2.location_id, self.quarantine_a, "a lot in one place shows where it is")
        self.assertFalse(self.old_1.location_id, "a lot in several places shows none")
        self.assertEqual(self._sellable(self.store_a), 8)
        # on-hand is unchanged: quarantine is still the store's stock (and value)
        self.assertEqual(self.formula.with_context(warehouse_id=self.wh_a.id).qty_available, 14)

    def test_idempotent(self):
        Quant = self.env["stock.quant"]
        Quant._chain_cron_quarantine()
        after_first = self._quarantine_pickings()
        moved = Quant._chain_cron_quarantine()
        self.assertEqual(moved, 0)
        self.assertEqual(self._quarantine_pickings(), after_first, "running it twice moves nothing twice")
        self.assertEqual(self._qty(self.old_1, self.quarantine_a), 4)

    def test_later_stock_of_a_quarantined_lot_joins_it(self):
        """The job relocates whole quants in bulk: stock of a lot already in quarantine adds to
        that quant (one quant per lot there, the earliest incoming date), nothing stays behind."""
        Quant = self.env["stock.quant"]
        Quant._chain_cron_quarantine()
        quarantined = Quant.search([("lot_id", "=", self.old_1.id), ("location_id", "=", self.quarantine_a.id)])
        in_date = quarantined.in_date
        self._put(self.old_1, self.shelf_a, 2)  # e.g. a customer return of the same lot
        Quant._chain_cron_quarantine()
        quarantined = Quant.search([("lot_id", "=", self.old_1.id), ("location_id", "=", self.quarantine_a.id)])
        self.assertEqual(len(quarantined), 1)
        self.assertRecordValues(quarantined, [{"quantity": 6, "reserved_quantity": 0, "in_date": in_date}])
        self.assertFalse(
            Quant.search(
                [
                    ("lot_id", "=", self.old_1.id),
                    ("location_id", "child_of", self.wh_a.lot_stock_id.id),
                    ("quantity", "!=", 0),
                ]
            ),
            "nothing stays behind (an emptied quant is left to Odoo's quant cleanup)",
        )
        lines = self.env["stock.move.line"].search(
            [("lot_id", "=", self.old_1.id), ("location_dest_id", "=", self.quarantine_a.id)]
        )
        self.assertEqual(sorted(lines.mapped("quantity")), [1, 2, 3], "each move is in the lot's history")
        self.assertEqual(set(lines.mapped("state")), {"done"})

    def test_a_failing_store_does_not_stop_the_others(self):
        """Stores are moved together; when one of them fails (here stock of 2.5 units, against the
        unit's rounding), the others are moved one by one and the failing store is told."""
        self.formula.uom_id.rounding = 1.0  # whole units only: 2.5 units cannot be moved
        self._put(self.old_2, self.shelf_b, 2.5)
        self.env["stock.quant"]._chain_cron_quarantine()
        self.assertEqual(self._qty(self.old_1, self.quarantine_a), 4, "store A is quarantined")
        self.assertEqual(self._qty(self.old_1, self.shelf_b), 4, "store B is left as it was")
        self.assertEqual(self._qty(self.old_1, self.quarantine_b), 0)
        message = self.store_b.message_ids[:1]
        self.assertIn("could not be quarantined", message.body)
        self.assertIn("rounding", message.body)

    def test_a_quant_being_counted_keeps_its_count_on_the_shelf(self):
        quant = self.env["stock.quant"].search([("lot_id", "=", self.old_2.id), ("location_id", "=", self.shelf_a.id)])
        quant.with_context(inventory_mode=True).inventory_quantity = 1
        self.env["stock.quant"]._chain_cron_quarantine()
        self.assertEqual(self._qty(self.old_2, self.quarantine_a), 2, "the stock is quarantined")
        self.assertRecordValues(
            quant, [{"location_id": self.shelf_a.id, "quantity": 0, "inventory_quantity_set": True}]
        )

    def test_a_package_moves_with_its_quants(self):
        package = self.env["stock.quant.package"].create({"name": "Q-CARTON"})
        old_3 = self._lot("Q-OLD-3", -1)
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.formula, self.shelf_b, 12, lot_id=old_3, package_id=package)
        Quant._chain_cron_quarantine()
        quant = Quant.search([("lot_id", "=", old_3.id), ("quantity", ">", 0)])
        self.assertRecordValues(
            quant, [{"location_id": self.quarantine_b.id, "package_id": package.id, "quantity": 12}]
        )
        self.assertEqual(package.location_id, self.quarantine_b)

    def test_reserved_expired_stock_is_released_and_moved(self):
        # reserved before it passed removal: force a reservation on the old lot
        customer = self.env.ref("stock.stock_location_customers")
        picking = self._transfer(self.wh_a.out_type_id, self.shelf_a, customer, qty=3, product=self.formula)
        picking.action_confirm()
        move = picking.move_ids
        self.env["stock.move.line"].create(
            {**move._prepare_move_line_vals(quantity=3), "lot_id": self.old_1.id, "location_id": self.shelf_a.id}
        )
        self.env["stock.quant"]._chain_cron_quarantine()
        self.assertEqual(self._qty(self.old_1, self.quarantine_a), 4)
        self.assertEqual(picking.move_line_ids.lot_id, self.fresh, "re-reserved from sellable stock")

    def test_batches_report_progress(self):
        cron = self.env.ref("chain_stock_expiry.ir_cron_chain_quarantine")
        cron, progress = cron._add_progress()
        done = (
            self.env["stock.quant"]
            .with_context(ir_cron_progress_id=progress.id)
            ._chain_cron_quarantine(batch_seconds=0, chunk_quants=1)
        )
        self.assertEqual(done, 1, "a batch over its time budget stops after the warehouses in hand")
        self.assertEqual((progress.done, progress.remaining), (1, 1))

    def test_write_off_is_valued(self):
        self.env["stock.quant"]._chain_cron_quarantine()
        quants = self.env["stock.quant"].search([("location_id", "=", self.quarantine_a.id)])
        scraps = quants.action_chain_scrap_expired()
        self.assertEqual(scraps.mapped("state"), ["done"] * len(scraps))
        self.assertFalse(
            self.env["stock.quant"].search([("location_id", "=", self.quarantine_a.id), ("quantity", ">", 0)])
        )
        layers = self.env["stock.valuation.layer"].search([("stock_move_id", "in", scraps.move_ids.ids)])
        self.assertAlmostEqual(sum(layers.mapped("value")), -6 * 150.0, msg="6 units at cost 150 written off")
        self.assertEqual(
            scraps.move_ids.location_dest_id, self.env.ref("chain_stock_expiry.stock_location_expired_writeoff")
        )

    def test_write_off_posts_on_the_expired_goods_account(self):
        Account = self.env["account.account"]
        accounts = {
            code: Account.create({"code": code, "name": name, "account_type": kind})
            for code, name, kind in [
                ("140100", "Stock valuation (test)", "asset_current"),
                ("140200", "Stock interim received (test)", "liability_current"),
                ("140300", "Stock interim delivered (test)", "asset_current"),
                ("671100", "Expired goods write-off (test)", "expense"),
            ]
        }
        journal = self.env["account.journal"].create({"name": "Stock (test)", "code": "TSTK", "type": "general"})
        category = self.env["product.category"].create(
            {
                "name": "Formula, perpetual valuation (test)",
                "parent_id": self.categ_formula.id,
                "property_cost_method": "standard",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": accounts["140100"].id,
                "property_stock_account_input_categ_id": accounts["140200"].id,
                "property_stock_account_output_categ_id": accounts["140300"].id,
                "property_stock_journal": journal.id,
            }
        )
        product = self.env["product.product"].create(
            {"name": "Formula (valued)", "is_storable": True, "tracking": "lot", "use_expiration_date": True,
             "categ_id": category.id, "standard_price": 120.0}
        )  # fmt: skip
        lot = self._lot("Q-VAL", -3, product=product)
        self._put(lot, self.quarantine_a, 5)
        writeoff = self.env.ref("chain_stock_expiry.stock_location_expired_writeoff")
        writeoff.valuation_in_account_id = accounts["671100"]
        quant = self.env["stock.quant"].search([("lot_id", "=", lot.id)])
        scrap = quant.action_chain_scrap_expired()
        self.assertEqual(scrap.move_ids.stock_valuation_layer_ids.mapped("value"), [-600.0])
        lines = scrap.move_ids.stock_valuation_layer_ids.account_move_id.line_ids
        self.assertEqual(lines.filtered("debit").account_id, accounts["671100"], "the write-off expense is debited")
        self.assertEqual(lines.filtered("credit").account_id, accounts["140100"], "stock valuation is credited")
        self.assertAlmostEqual(sum(lines.mapped("debit")), 600.0)
