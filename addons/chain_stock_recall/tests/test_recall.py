import io

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChainRecallCase


@tagged("post_install", "-at_install")
class TestRecall(ChainRecallCase):
    def _store_line(self, recall, store):
        return recall.store_line_ids.filtered(lambda line: line.store_id == store)

    def test_launch_blocks_quarantines_and_traces(self):
        recall = self._recall()
        recall.action_launch()
        self.assertEqual(recall.state, "launched")
        self.assertTrue(self.bad.chain_blocked)
        self.assertIn(recall.name, self.bad.chain_block_reason)
        self.assertFalse(self.good.chain_blocked)
        # stock: 20 received - 2 - 1 sold at A's till? (POS orders here have no pickings) - 4 delivered = 16 in A
        self.assertEqual(len(recall.picking_ids), 2, "one quarantine transfer per store")
        self.assertTrue(all(recall.stock_line_ids.mapped("in_quarantine")))
        stock = {(line.store_id, line.location_id): line.quantity for line in recall.stock_line_ids}
        self.assertEqual(stock, {(self.store_a, self.quarantine_a): 16, (self.store_b, self.quarantine_b): 6})
        self.assertEqual(self._sellable(self.store_a), 9, "only the good lot is still sellable in A")
        self.assertEqual(self._sellable(self.store_b), 0)
        # buyers: the POS member and the sale order customer, with contact details
        customers = {
            (line.partner_id, line.source): (line.quantity, line.phone, line.email, line.store_id)
            for line in recall.customer_line_ids
        }
        self.assertEqual(
            customers,
            {
                (self.member, "pos"): (2, "+86 138 0000 0001", False, self.store_a),
                (self.buyer, "sale"): (4, False, "li.lei@example.com", self.store_a),
            },
        )
        self.assertEqual(recall.customer_line_ids.filtered(lambda c: c.source == "sale").sale_order_id, self.sale)
        # anonymous till sales counted per store
        line_a, line_b = self._store_line(recall, self.store_a), self._store_line(recall, self.store_b)
        self.assertRecordValues(
            line_a | line_b,
            [
                {"anonymous_order_count": 1, "anonymous_qty": 1, "sold_qty": 7, "on_hand_qty": 16},
                {"anonymous_order_count": 1, "anonymous_qty": 3, "sold_qty": 3, "on_hand_qty": 6},
            ],
        )
        self.assertEqual((recall.sold_qty, recall.traced_qty, recall.anonymous_qty), (10, 6, 4))
        # supplier receipt
        self.assertRecordValues(
            recall.receipt_line_ids, [{"picking_id": self.receipt.id, "partner_id": self.supplier.id, "quantity": 20}]
        )
        # each store manager has a task
        self.assertEqual(recall.activity_ids.user_id, self.manager_a, "store B has no manager in the fixture")

    def test_close_only_when_everything_is_done(self):
        recall = self._recall()
        recall.action_launch()
        with self.assertRaises(UserError) as caught:
            recall.action_close()
        self.assertIn("Test Store A", caught.exception.args[0])
        self.assertIn("Member Wang Fang", caught.exception.args[0])
        self._store_line(recall, self.store_a).with_user(self.manager_a).action_confirm_cleared()
        self._store_line(recall, self.store_b).with_user(self.staff_b).action_confirm_cleared()
        member_line = recall.customer_line_ids.filtered(lambda c: c.partner_id == self.member)
        member_line.with_user(self.manager_a).action_returned()
        buyer_line = recall.customer_line_ids - member_line
        action = buyer_line.with_user(self.recall_manager).action_waive()
        wizard = self.env[action["res_model"]].with_user(self.recall_manager).with_context(**action["context"])
        wizard.create({"reason": "Customer moved abroad"}).action_waive()
        self.assertEqual((buyer_line.state, buyer_line.waive_reason), ("waived", "Customer moved abroad"))
        recall.action_close()
        self.assertEqual(recall.state, "done")
        self.assertIn("Customer moved abroad", "".join(recall.message_ids.mapped("body")))

    def test_drill_changes_nothing_and_reports(self):
        recall = self._recall()
        recall.action_drill()
        self.assertEqual(recall.state, "draft")
        self.assertTrue(recall.is_drill)
        self.assertFalse(self.bad.chain_blocked)
        self.assertFalse(recall.picking_ids)
        self.assertFalse(any(recall.stock_line_ids.mapped("in_quarantine")))
        self.assertEqual(self._sellable(self.store_b), 6, "the drill moved nothing")
        self.assertEqual(recall.traced_ratio, 60.0, "6 of 10 units sold to known customers")
        self.assertGreaterEqual(recall.trace_ms, 0)
        self.assertIn("Recall drill", recall.message_ids[:1].body)
        recall.action_drill()
        self.assertEqual(len(recall.customer_line_ids), 2, "a second drill replaces, never duplicates")

    def test_recall_by_production_date(self):
        self.bad.chain_production_date = "2026-03-01"
        self.good.chain_production_date = "2026-05-01"
        recall = self._recall(lot_ids=False, production_date_from="2026-02-01", production_date_to="2026-03-31")
        recall.action_drill()
        self.assertEqual(recall.lot_ids, self.bad)

    def test_nothing_to_recall(self):
        recall = self._recall(lot_ids=False, production_date_from="2020-01-01", production_date_to="2020-01-02")
        with self.assertRaises(UserError):
            recall.action_drill()

    def test_excel_export(self):
        recall = self._recall()
        recall.action_launch()
        report = self.env.ref("chain_stock_recall.chain_recall_xlsx_report")
        content, kind = report.with_user(self.recall_manager)._render(report.report_name, recall.ids)
        self.assertEqual(kind, "xlsx")
        try:
            import openpyxl
        except ImportError:
            self.assertTrue(content.startswith(b"PK"))
            return
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("Recall", "Customer", "Phone"))
        self.assertIn("Member Wang Fang", [row[1] for row in rows[1:]])
        self.assertEqual(sum(row[4] for row in list(workbook.worksheets[1].iter_rows(values_only=True))[1:]), 22)
