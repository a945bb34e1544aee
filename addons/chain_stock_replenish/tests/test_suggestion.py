from datetime import datetime, time, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ChainReplenishCase


@tagged("post_install", "-at_install")
class TestSuggestion(ChainReplenishCase):
    def _compute(self, stores=None, products=None):
        Suggestion = self.env["chain.replenish.suggestion"]
        return Suggestion._chain_compute_suggestions(stores or self.store_a, products=products, today=self.today)

    def test_suggestion_from_sales_stock_and_pack(self):
        # 2 tins a day for 4 weeks: 12 days of cover = 24, minus 10 in store = 14 -> 3 cases of 6
        self._sales(self.store_a, self.product, [2] * 28)
        line = self._compute()
        self.assertRecordValues(
            line,
            [
                {
                    "store_id": self.store_a.id,
                    "product_id": self.product.id,
                    "forecast_qty": 2.0,
                    "sellable_qty": 10.0,
                    "transit_qty": 0.0,
                    "pack_qty": 6.0,
                    "need_qty": 14.0,
                    "suggested_qty": 18.0,
                    "qty": 18.0,
                    "cap_reason": "none",
                    "state": "draft",
                }
            ],
        )

    def test_sales_of_other_stores_and_old_sales_do_not_count(self):
        self._sales(self.store_a, self.product, [2] * 28)
        self._sales(self.store_b, self.product, [50] * 28)
        # sold long before the history window (56 days by default)
        self._sales(self.store_a, self.product, [100] * 10 + [0] * 60)
        line = self._compute()
        self.assertEqual(line.forecast_qty, 2.0)

    def test_history_counts_the_local_days_of_the_window(self):
        """Sales are counted by the user's day (Asia/Shanghai, UTC+8), and only those of the window."""
        Suggestion = self.env["chain.replenish.suggestion"].with_context(tz="Asia/Shanghai")
        start, stop = self.today - timedelta(days=7), self.today
        for day, hour, qty in (
            (start - timedelta(days=1), 15, 1),  # 23:00 the day before the window: out
            (start - timedelta(days=1), 17, 2),  # 01:00 on the first day: in
            (stop - timedelta(days=1), 15, 4),  # 23:00 on the last day: in
            (stop - timedelta(days=1), 17, 8),  # 01:00 on the day of the suggestion: out
        ):
            self.env["stock.move"].create(
                {
                    "name": self.product.name,
                    "product_id": self.product.id,
                    "product_uom": self.product.uom_id.id,
                    "product_uom_qty": qty,
                    "location_id": self.store_a.warehouse_id.lot_stock_id.id,
                    "location_dest_id": self.customers.id,
                    "state": "done",
                    "date": datetime.combine(day, time(hour, 0)),
                }
            )
        self.env.flush_all()
        history = Suggestion._chain_sales_history(self.store_a | self.store_b, None, start, stop)
        self.assertEqual(
            dict(history), {(self.store_a.id, self.product.id): {start: 2.0, stop - timedelta(days=1): 4.0}}
        )

    def test_in_transit_includes_submitted_requisitions(self):
        self._sales(self.store_a, self.product, [2] * 28)
        self._requisition(self.store_a, [(self.product, 12)])
        line = self._compute()
        self.assertEqual(line.transit_qty, 12.0)
        self.assertEqual(line.suggested_qty, 6.0)

    def test_stock_covering_the_need_gives_no_line(self):
        self._sales(self.store_b, self.product, [0.5] * 28)  # 6 needed, 7 sellable
        self.assertFalse(self._compute(self.store_b))

    def test_maximum_caps_the_order(self):
        self._sales(self.store_b, self.wipes, [2] * 28)
        self.env["stock.warehouse.orderpoint"].create(
            {"warehouse_id": self.wh_b.id, "location_id": self.wh_b.lot_stock_id.id, "product_id": self.wipes.id,
             "product_min_qty": 4, "product_max_qty": 15, "trigger": "manual"}
        )  # fmt: skip
        line = self._compute(self.store_b)
        self.assertRecordValues(
            line, [{"min_qty": 4.0, "max_qty": 15.0, "need_qty": 24.0, "suggested_qty": 15.0, "cap_reason": "max"}]
        )

    def test_minimum_alone_makes_a_line(self):
        self.env["stock.warehouse.orderpoint"].create(
            {"warehouse_id": self.wh_a.id, "location_id": self.wh_a.lot_stock_id.id, "product_id": self.wipes.id,
             "product_min_qty": 5, "product_max_qty": 10, "trigger": "manual"}
        )  # fmt: skip
        line = self._compute()
        self.assertRecordValues(line, [{"forecast_qty": 0.0, "suggested_qty": 5.0, "cap_reason": "none"}])

    def test_expiry_caps_what_cannot_be_sold_before_near_expiry(self):
        puree = self.env["product.product"].create(
            {"name": "Baby puree (test)", "is_storable": True, "tracking": "lot", "use_expiration_date": True,
             "expiration_time": 20, "categ_id": self.categ_formula.id}
        )  # fmt: skip
        self.env["chain.shelf.life.policy"].create(
            {"name": "Puree", "product_tmpl_id": puree.product_tmpl_id.id, "shelf_life_days": 20,
             "near_value": 50, "near_unit": "percent"}
        )  # fmt: skip
        # 3 a day for 12 days = 36 needed, but only 10 days before a fresh jar is near expiry: 30
        self._sales(self.store_a, puree, [3] * 28)
        line = self._compute()
        self.assertRecordValues(
            line, [{"days_to_alert": 10, "need_qty": 36.0, "suggested_qty": 30.0, "cap_reason": "expiry"}]
        )

    def test_formula_policy_gives_days_to_alert(self):
        # 720-day formula, near expiry at 1/3 of life left: 480 days to sell, no cap in practice
        self._sales(self.store_a, self.formula, [1] * 28)
        line = self._compute()
        self.assertRecordValues(line, [{"days_to_alert": 480, "suggested_qty": 12.0, "cap_reason": "none"}])

    def test_untracked_product_has_no_expiry_cap(self):
        self._sales(self.store_a, self.wipes, [1] * 28)
        self.assertEqual(self._compute().days_to_alert, 0)

    def test_many_stores_one_call_and_recompute_replaces_drafts(self):
        self._sales(self.store_a, self.product, [2] * 28)
        self._sales(self.store_b, self.wipes, [1] * 28)
        lines = self._compute(self.store_a | self.store_b | self.dc)
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines.store_id, self.store_a | self.store_b)
        again = self._compute(self.store_a | self.store_b)
        self.assertFalse(lines.exists(), "draft suggestions are replaced")
        self.assertEqual(len(again), 2)

    def test_products_filter(self):
        self._sales(self.store_a, self.product, [2] * 28)
        self._sales(self.store_a, self.wipes, [1] * 28)
        lines = self._compute(products=self.wipes)
        self.assertEqual(lines.product_id, self.wipes)

    def test_quantity_must_be_whole_packs(self):
        self._sales(self.store_a, self.product, [2] * 28)
        line = self._compute()
        with self.assertRaises(ValidationError):
            line.qty = 7
        line.qty = 12
        self.assertEqual(line.qty, 12.0)

    def test_compute_wizard_opens_the_suggestions_of_the_chosen_stores(self):
        self._sales(self.store_a, self.product, [2] * 28)
        wizard = Form(self.env["chain.replenish.compute.wizard"].with_user(self.staff_a)).save()
        self.assertEqual(wizard.store_ids, self.store_a, "the user's current store is proposed")
        action = wizard.action_compute()
        lines = self.env["chain.replenish.suggestion"].search(action["domain"])
        self.assertEqual(lines.product_id, self.product)

    def test_store_button_computes_its_suggestions(self):
        self._sales(self.store_b, self.wipes, [1] * 28)
        action = self.store_b.action_chain_compute_suggestions()
        lines = self.env["chain.replenish.suggestion"].search(action["domain"])
        self.assertEqual(lines.mapped("suggested_qty"), [12.0])

    def test_one_query_per_figure_whatever_the_number_of_products(self):
        products = self.env["product.product"].create(
            [{"name": f"Diapers size {i} (test)", "is_storable": True} for i in range(12)]
        )
        for product in products[:2]:
            self._sales(self.store_a, product, [1] * 28)
        self._compute(products=products[:2])
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=18):
            self._compute(products=products[:2])
        for product in products[2:]:
            self._sales(self.store_a, product, [1] * 28)
            self._sales(self.store_b, product, [1] * 28)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=18):
            lines = self._compute(self.store_a | self.store_b, products=products)
        self.assertEqual(len(lines), 22)

    def test_lines_written_in_one_insert_are_those_create_writes(self):
        """The chain-wide write (one INSERT) gives the records the ORM's create gives from the same values."""
        self._sales(self.store_a, self.product, [2] * 28)
        self._sales(self.store_b, self.wipes, [1, 3] * 14)
        self._sales(self.store_a, self.wipes, [1] * 28)
        Suggestion = self.env["chain.replenish.suggestion"]
        figures = ["store_id", "product_id", "date", "forecast_qty", "sellable_qty", "transit_qty", "min_qty",
                   "max_qty", "pack_qty", "days_to_alert", "need_qty", "suggested_qty", "cap_reason"]  # fmt: skip
        computed = self._compute(self.store_a | self.store_b)
        self.assertEqual(len(computed), 3)
        vals_list = [{k: v for k, v in row.items() if k != "id"} for row in computed.read(figures, load=False)]
        vals_list.reverse()  # the records follow the order of the values
        created = Suggestion.create(vals_list)
        inserted = Suggestion._chain_insert(vals_list)
        self.env.invalidate_all()
        every = [*figures, "company_id", "qty", "state", "order_id", "create_uid", "write_uid"]
        expected = [{k: v for k, v in row.items() if k != "id"} for row in created.read(every, load=False)]
        got = [{k: v for k, v in row.items() if k != "id"} for row in inserted.read(every, load=False)]
        self.assertEqual(got, expected)
        self.assertEqual([line.product_id.id for line in inserted], [vals["product_id"] for vals in vals_list])
        with self.assertRaises(ValueError):
            Suggestion._chain_insert([{**vals_list[0], "product_uom_id": self.product.uom_id.id}])
