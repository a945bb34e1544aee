from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainTransferCase


@tagged("post_install", "-at_install")
class TestTransferAccess(ChainTransferCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_c = cls.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        cls.staff_c = cls._user("t_staff_c", "chain_store.group_chain_store_user", cls.store_c)

    def test_a_store_sees_only_the_transfers_it_sends_or_receives(self):
        transfer = self._transfer(2)
        Transfer = self.env["chain.stock.transfer"]
        self.assertIn(transfer, Transfer.with_user(self.staff_a).search([]))
        self.assertIn(transfer, Transfer.with_user(self.staff_b).search([]))
        self.assertNotIn(transfer, Transfer.with_user(self.staff_c).search([]))
        with self.assertRaises(AccessError):
            transfer.with_user(self.staff_c).read(["name"])
        with self.assertRaises(AccessError):
            transfer.line_ids.with_user(self.staff_c).read(["product_qty"])
        with self.assertRaises(AccessError):
            Transfer.with_user(self.staff_c).create(
                {
                    "source_store_id": self.store_a.id,
                    "dest_store_id": self.store_b.id,
                    "line_ids": [Command.create({"product_id": self.formula.id, "product_qty": 1})],
                }
            )

    def test_discrepancies_are_hidden_from_other_stores(self):
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_mid: (5, 0)})
        Discrepancy = self.env["chain.stock.transfer.discrepancy"]
        self.assertEqual(len(Discrepancy.with_user(self.staff_a).search([("transfer_id", "=", transfer.id)])), 1)
        self.assertFalse(Discrepancy.with_user(self.staff_c).search([]))
        with self.assertRaises(AccessError):
            transfer.discrepancy_ids.with_user(self.staff_c).read(["quantity"])
