from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainTransferCase


@tagged("post_install", "-at_install")
class TestTransferDiscrepancy(ChainTransferCase):
    def _settle(self, discrepancies, settlement, user=None):
        Wizard = self.env["chain.stock.transfer.settle.wizard"].with_user(user or self.manager_b)
        wizard = Wizard.create({"discrepancy_ids": [(6, 0, discrepancies.ids)], "settlement": settlement, "note": "ok"})
        wizard.action_confirm()

    def test_missing_goods_stay_in_transit_until_written_off(self):
        transfer = self._shipped(8)  # 6 T-MID + 2 T-LONG
        self._receive(transfer, {self.lot_mid: (4, 0)})
        missing = transfer.discrepancy_ids
        expected = {"kind": "missing", "lot_id": self.lot_mid.id, "quantity": 2, "value": 300.0, "state": "open"}
        self.assertRecordValues(missing, [dict(expected, location_id=self.transit.id)])
        self.assertEqual(self._qty(self.shelf_b, self.lot_mid), 4)
        self.assertEqual(self._qty(self.transit, self.lot_mid), 2, "nothing is lost: the 2 missing wait in transit")
        self.assertEqual(transfer.transit_qty, 2)
        # both store managers are asked to settle it
        self.assertEqual(set(missing.sudo().activity_ids.user_id.ids), {self.manager_a.id, self.manager_b.id})
        with self.assertRaises(AccessError):
            missing.with_user(self.staff_b)._chain_settle("write_off")
        self._settle(missing, "write_off")
        self.assertEqual(missing.state, "settled")
        self.assertEqual(missing.sudo().scrap_id.state, "done")
        self.assertEqual(self._qty(self.transit, self.lot_mid), 0)
        self.assertFalse(missing.sudo().activity_ids)
        with self.assertRaisesRegex(UserError, "already settled"):
            self._settle(missing, "write_off")

    def test_missing_goods_returned_to_the_sending_store(self):
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_long: (0, 0)})
        self._settle(transfer.discrepancy_ids, "return", user=self.manager_a)
        self.assertEqual(self._qty(self.shelf_a, self.lot_long), 10)
        self.assertEqual(self._qty(self.transit, self.lot_long), 0)

    def test_damaged_goods_wait_in_quarantine_then_go_on_the_shelf_by_correction(self):
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_mid: (6, 1)})
        damaged = transfer.discrepancy_ids
        self.assertRecordValues(damaged, [{"kind": "damaged", "quantity": 1, "location_id": self.quarantine_b.id}])
        self.assertEqual(self._qty(self.shelf_b, self.lot_mid), 5)
        self.assertEqual(self._qty(self.quarantine_b, self.lot_mid), 1)
        self.assertEqual(self._sellable(self.store_b), 7, "the damaged unit is not sellable")
        self._settle(damaged, "correction")
        self.assertEqual(self._qty(self.shelf_b, self.lot_mid), 6)
        self.assertEqual(self._qty(self.quarantine_b, self.lot_mid), 0)

    def test_wrong_lot_and_extra_are_booked_by_correction(self):
        transfer = self._shipped(8)
        # B found lot T-OTHER instead of 2 of T-LONG, plus one more T-OTHER than that
        self._receive(transfer, {self.lot_long: (0, 0)}, extras=[(self.formula, "T-OTHER", 3)])
        wrong = transfer.discrepancy_ids.filtered(lambda d: d.kind == "wrong_lot")
        extra = transfer.discrepancy_ids.filtered(lambda d: d.kind == "extra")
        self.assertRecordValues(wrong, [{"lot_id": self.lot_long.id, "received_lot_name": "T-OTHER", "quantity": 2}])
        self.assertRecordValues(extra, [{"received_lot_name": "T-OTHER", "quantity": 1}])
        with self.assertRaisesRegex(UserError, "not in the books"):
            self._settle(extra, "write_off")
        self._settle(wrong | extra, "correction")
        other = self.env["stock.lot"].search([("name", "=", "T-OTHER")])
        self.assertEqual(self._qty(self.shelf_b, other), 3)
        self.assertEqual(self._qty(self.shelf_a, other), -3, "A shipped a lot it had not booked: its books go negative")
        self.assertEqual(self._qty(self.shelf_a, self.lot_long), 10, "the lot shipped by mistake never left A")
        self.assertEqual(self._qty(self.transit, self.lot_long), 0)

    def test_transit_stock_always_accounted_for(self):
        first = self._shipped(8)
        second = self._shipped(4)
        self._receive(first, {self.lot_mid: (5, 0)})
        transit_quants = self.env["stock.quant"].search([("location_id", "=", self.transit.id)])
        self.assertEqual(sum(transit_quants.mapped("quantity")), first.transit_qty + second.transit_qty)
        self.assertEqual(first.transit_qty, 1)
        self.assertEqual(second.transit_qty, 4)

    def test_bad_receipt_counts_are_refused_and_nothing_moves(self):
        transfer = self._shipped(8)
        with self.assertRaisesRegex(UserError, "more damaged than received"):
            self._receive(transfer, {self.lot_mid: (1, 2)})
        with self.assertRaisesRegex(UserError, "tracked by lot"):
            self._receive(transfer, extras=[(self.formula, False, 1)])
        self.assertEqual(transfer.state, "in_transit")
        self.assertEqual(self._qty(self.transit, self.lot_mid), 6)
