from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ChainTransferCase


@tagged("post_install", "-at_install")
class TestTransferFlow(ChainTransferCase):
    def test_request_ship_receive_moves_lots_fefo_within_the_shelf_life_minimum(self):
        transfer = self._transfer(8)
        self.assertEqual(transfer.state, "draft")
        self.assertTrue(transfer.name.startswith("TRF/"))
        # B sees what A can ship under the rule: 6 (mid) + 10 (long); the short lot does not count
        self.assertEqual(transfer.line_ids.available_qty, 16)
        transfer.action_submit()
        self.assertEqual(transfer.state, "approved", "without the approval setting, a submitted transfer is approved")
        transfer.with_user(self.staff_a).action_ship()
        self.assertEqual(transfer.state, "in_transit")
        line = transfer.line_ids
        self.assertEqual(line.shipped_qty, 8)
        # FEFO among the lots allowed: all of T-MID (6), then 2 of T-LONG; T-SHORT stays home
        self.assertEqual(self._qty(self.transit, self.lot_mid), 6)
        self.assertEqual(self._qty(self.transit, self.lot_long), 2)
        self.assertEqual(self._qty(self.shelf_a, self.lot_short), 5)
        self.assertEqual(self._qty(self.shelf_a, self.lot_long), 8)
        self.assertEqual(transfer.transit_qty, 8)
        self.assertEqual(set(transfer.transit_line_ids.lot_id.mapped("name")), {"T-MID", "T-LONG"})
        self.assertEqual(line.lot_names, "T-LONG, T-MID")
        self._receive(transfer)
        self.assertEqual(transfer.state, "done")
        self.assertEqual(line.received_qty, 8)
        self.assertEqual(self._qty(self.shelf_b, self.lot_mid), 6)
        self.assertEqual(self._qty(self.shelf_b, self.lot_long), 2)
        self.assertEqual(self._qty(self.transit, self.lot_mid), 0)
        self.assertFalse(transfer.discrepancy_ids)
        self.assertEqual(transfer.transit_qty, 0)

    def test_only_lots_meeting_the_minimum_ship_and_the_rest_is_explained(self):
        transfer = self._transfer(20)
        transfer.action_submit()
        transfer.with_user(self.staff_a).action_ship()
        self.assertEqual(transfer.line_ids.shipped_qty, 16, "the 5 short-dated units are never shipped")
        self.assertEqual(self._qty(self.shelf_a, self.lot_short), 5)
        self.assertTrue(any("16.0 shipped of 20.0 confirmed" in body for body in transfer.message_ids.mapped("body")))

    def test_nothing_meets_the_minimum_refuses_the_shipment(self):
        self.env["stock.quant"].search([("location_id", "=", self.shelf_a.id), ("lot_id", "!=", self.lot_short.id),
                                        ("product_id", "=", self.formula.id)]).sudo().unlink()  # fmt: skip
        transfer = self._transfer(3)
        transfer.action_submit()
        with self.assertRaisesRegex(UserError, "no sellable lot with enough remaining shelf life"):
            transfer.with_user(self.staff_a).action_ship()
        self.assertEqual(transfer.state, "approved")
        self.assertEqual(self._qty(self.shelf_a, self.lot_short), 5)

    def test_sending_store_confirms_less_than_requested(self):
        transfer = self._transfer(8)
        transfer.action_submit()
        transfer.line_ids.with_user(self.staff_a).ship_qty = 3
        transfer.with_user(self.staff_a).action_ship()
        self.assertEqual(transfer.line_ids.shipped_qty, 3)
        self.assertEqual(self._qty(self.transit, self.lot_mid), 3)

    def test_approval_setting_makes_a_manager_approve(self):
        self.env.company.chain_transfer_approval = True
        transfer = self._transfer(2)
        transfer.action_submit()
        self.assertEqual(transfer.state, "to_approve")
        with self.assertRaises(UserError):
            transfer.with_user(self.staff_a).action_ship()
        with self.assertRaises(AccessError):
            transfer.with_user(self.staff_b).action_approve()
        transfer.with_user(self.manager_a).action_approve()
        self.assertEqual(transfer.state, "approved")
        self.assertEqual(transfer.approved_by_id, self.manager_a)
        transfer.with_user(self.staff_b).action_reset_draft()
        self.assertEqual(transfer.state, "draft")

    def test_only_the_sending_store_ships_and_the_receiving_store_receives(self):
        transfer = self._transfer(2)
        transfer.action_submit()
        with self.assertRaises(AccessError):
            transfer.with_user(self.staff_b).action_ship()
        transfer.with_user(self.staff_a).action_ship()
        with self.assertRaises(AccessError):
            transfer.with_user(self.staff_a).action_receive()
        with self.assertRaises(UserError):
            transfer.action_cancel()

    def test_a_store_cannot_transfer_to_itself_and_an_empty_request_is_refused(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self._transfer(1, dest_store_id=self.store_a.id)
        empty = self._transfer(0)
        with self.assertRaisesRegex(UserError, "no product"):
            empty.action_submit()
