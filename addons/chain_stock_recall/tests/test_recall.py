import io

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChainRecallCase


@tagged("post_install", "-at_install")
class TestRecall(ChainRecallCase):
    def _store_line(self, recall, store):
        return recall.store_line_ids.filtered(lambda line: line.store_id == store)

    def test_pos_sales_keep_their_lot(self):
        pack_lots = (self.order_member | self.order_anon_a | self.order_anon_b).lines.pack_lot_ids
        self.assertEqual(pack_lots.chain_lot_id, self.bad)

    def test_launch_blocks_quarantines_and_traces(self):
        recall = self._recall()
        recall.action_launch()
        self.assertEqual(recall.launched_by_id, self.recall_manager)
        self.assertFalse(recall.is_drill)
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
                {
                    "anonymous_order_count": 1,
                    "anonymous_qty": 1,
                    "sold_qty": 7,
                    "on_hand_qty": 16,
                    "quarantined_qty": 16,
                },
                {"anonymous_order_count": 1, "anonymous_qty": 3, "sold_qty": 3, "on_hand_qty": 6, "quarantined_qty": 6},
            ],
        )
        self.assertEqual((recall.sold_qty, recall.traced_qty, recall.anonymous_qty), (10, 6, 4))
        # supplier receipt
        self.assertRecordValues(
            recall.receipt_line_ids, [{"picking_id": self.receipt.id, "partner_id": self.supplier.id, "quantity": 20}]
        )
        # each store manager has a task, and the launch is in the chatter
        self.assertEqual(recall.activity_ids.user_id, self.manager_a, "store B has no manager in the fixture")
        self.assertIn("Recall launched", recall.message_ids[:1].body)
        self.env.invalidate_all()  # x2many values in cache are the superuser's
        self.assertEqual(recall.with_user(self.manager_a).store_line_ids.customer_count, 2)

    def test_launch_twice_is_refused(self):
        recall = self._recall()
        recall.action_launch()
        with self.assertRaises(UserError):
            recall.action_launch()
        self.assertEqual(len(recall.picking_ids), 2)

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
        member_line.with_user(self.manager_a).action_called()
        buyer_line = recall.customer_line_ids - member_line
        buyer_line.with_user(self.recall_manager).action_refunded()
        with self.assertRaises(UserError, msg="a called customer has not brought the goods back yet") as caught:
            recall.action_close()
        self.assertIn("Member Wang Fang", caught.exception.args[0])
        self.assertNotIn("Buyer Li Lei", caught.exception.args[0])
        member_line.with_user(self.manager_a).action_returned()
        buyer_line.sudo().state = "todo"  # back to a task to waive (the state is only the actions' to change)
        buyer_line = recall.customer_line_ids - member_line
        action = buyer_line.with_user(self.recall_manager).action_waive()
        wizard = self.env[action["res_model"]].with_user(self.recall_manager).with_context(**action["context"])
        wizard.create({"reason": "Customer moved abroad"}).action_waive()
        self.assertEqual((buyer_line.state, buyer_line.waive_reason), ("waived", "Customer moved abroad"))
        recall.action_close()
        self.assertEqual(recall.state, "done")
        self.assertFalse(recall.activity_ids)
        bodies = "".join(recall.message_ids.mapped("body"))
        self.assertIn("Customer moved abroad", bodies)
        self.assertIn("Test Store B confirmed its shelf is cleared", bodies)

    def test_waive_needs_a_reason(self):
        recall = self._recall()
        recall.action_launch()
        line_b = self._store_line(recall, self.store_b)
        action = line_b.with_user(self.recall_manager).action_waive()
        Wizard = self.env[action["res_model"]].with_user(self.recall_manager).with_context(**action["context"])
        with self.assertRaises(UserError):
            Wizard.create({"reason": "  "}).action_waive()
        self.assertEqual(line_b.state, "todo")
        Wizard.create({"reason": "Store closed for renovation"}).action_waive()
        self.assertRecordValues(line_b, [{"state": "waived", "waive_reason": "Store closed for renovation"}])

    def test_cancel_keeps_lots_blocked(self):
        recall = self._recall()
        recall.action_launch()
        recall.action_cancel()
        self.assertEqual(recall.state, "cancel")
        self.assertFalse(recall.activity_ids)
        self.assertTrue(self.bad.chain_blocked, "unblocking is a separate, explicit decision")
        self.assertIn("stay blocked", recall.message_ids[:1].body)

    def test_refunded_pos_sale_is_not_a_customer_to_contact(self):
        refund = self.order_member._refund()
        refund.state = "paid"
        self.assertEqual(refund.lines.pack_lot_ids.chain_lot_id, self.bad)
        recall = self._recall()
        recall.action_drill()
        self.assertEqual(recall.customer_line_ids.partner_id, self.buyer, "the member brought the tin back")
        self.assertEqual((recall.sold_qty, recall.traced_qty), (8, 4))
        self.assertEqual(self._store_line(recall, self.store_a).sold_qty, 5)

    def test_lot_shows_its_recalls(self):
        recall = self._recall()
        self.assertEqual(self.bad.with_user(self.manager_a).chain_recall_count, 0, "a draft concerns no store yet")
        recall.action_launch()
        self.assertEqual(self.bad.with_user(self.manager_a).chain_recall_count, 1)
        self.assertEqual(self.good.with_user(self.recall_manager).chain_recall_count, 0)
        action = self.bad.with_user(self.manager_a).action_chain_recalls()
        self.assertEqual(self.env["chain.recall"].with_user(self.manager_a).search(action["domain"]), recall)

    def test_chain_managers_are_recall_managers(self):
        self.assertTrue(self.chain_manager.has_group("chain_stock_recall.group_chain_recall_manager"))
        self.assertFalse(self.manager_a.has_group("chain_stock_recall.group_chain_recall_manager"))

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
        self.assertEqual(self._store_line(recall, self.store_b).quarantined_qty, 0)
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

    def test_a_recall_manager_who_is_also_a_salesperson_sees_every_customer(self):
        """Another addon may make store users salespeople (Odoo's own-orders rule): the recall
        manager still reads the sale orders of the lot's customers, in the trace and the export."""
        self.recall_manager.groups_id = [Command.link(self.env.ref("sales_team.group_sale_salesman").id)]
        recall = self._recall()
        recall.action_launch()
        orders = recall.customer_line_ids.sale_order_id
        self.assertTrue(orders, "the lot went out on a sale order too")
        orders.with_user(self.recall_manager).check_access("read")  # an AccessError if hidden
        self.env.invalidate_all()
        report = self.env.ref("chain_stock_recall.chain_recall_xlsx_report")
        _content, kind = report.with_user(self.recall_manager)._render(report.report_name, recall.ids)
        self.assertEqual(kind, "xlsx")
