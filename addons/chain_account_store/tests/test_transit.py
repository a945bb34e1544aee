from odoo.tests import tagged

from .common import ChainAccountStoreCase


@tagged("post_install", "-at_install")
class TestTransit(ChainAccountStoreCase):
    """Goods between two stores are valued in the goods-in-transit account; a written-off
    discrepancy is a loss of the sending store."""

    def _settle(self, discrepancies, settlement, user=None):
        Wizard = self.env["chain.stock.transfer.settle.wizard"].with_user(user or self.manager_b)
        wizard = Wizard.create({"discrepancy_ids": [(6, 0, discrepancies.ids)], "settlement": settlement})
        wizard.action_confirm()

    def test_transit_account_created_as_current_asset(self):
        self.assertEqual(self.transit_account.account_type, "asset_current")
        self.assertEqual(self.env.company.chain_transit_account_id, self.transit_account)
        self.assertEqual(self.env.company._chain_transit_account(), self.transit_account, "created once")

    def test_shipment_and_receipt_move_value_through_transit(self):
        stock_before = self._balance(self.acc_stock)
        transfer = self._shipped(8)  # 6 T-MID + 2 T-LONG at 150
        self.assertEqual(self._balance(self.transit_account), 1200.0)
        self.assertEqual(self._balance(self.acc_stock), stock_before - 1200.0)
        self.assertEqual(self._balance(self.transit_account, self.analytic_a), 1200.0, "shipped by store A")
        self._receive(transfer)
        self.assertEqual(self._balance(self.transit_account), 0.0, "everything arrived: nothing in transit")
        self.assertEqual(self._balance(self.acc_stock), stock_before, "the company's stock value is unchanged")
        self.assertEqual(self._balance(self.acc_stock, self.analytic_b), 1200.0, "received by store B")

    def test_partial_receipt_keeps_the_missing_value_in_transit(self):
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_mid: (4, 0)})
        self.assertEqual(self._balance(self.transit_account), 300.0, "2 missing units at 150 still on their way")

    def test_missing_goods_written_off_are_the_sending_stores_loss(self):
        stock_before = self._balance(self.acc_stock)
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_mid: (4, 0)})
        # the receiving store's manager settles it: the loss is still the sender's
        self._settle(transfer.discrepancy_ids, "write_off", user=self.manager_b)
        self.assertEqual(self._balance(self.transit_account), 0.0)
        self.assertEqual(self._balance(self.acc_loss), 300.0)
        self.assertEqual(self._balance(self.acc_loss, self.analytic_a), 300.0, "the sending store bears the loss")
        self.assertEqual(self._balance(self.acc_loss, self.analytic_b), 0.0)
        self.assertEqual(self._balance(self.acc_stock), stock_before - 300.0, "only the lost units left the books")
        totals = self.env["chain.store.pnl"].with_user(self.accountant)._chain_pnl_report(transfer.shipped_date.date())
        self.assertEqual(totals[self.store_a.id]["month"]["shrinkage"], 300.0)
        self.assertNotIn(self.store_b.id, totals)

    def test_damaged_goods_written_off_are_the_sending_stores_loss(self):
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_mid: (6, 1)})
        self.assertEqual(self._balance(self.transit_account), 0.0, "the damaged unit arrived (in quarantine)")
        self._settle(transfer.discrepancy_ids, "write_off", user=self.manager_a)
        self.assertEqual(self._balance(self.acc_loss, self.analytic_a), 150.0)
        self.assertEqual(self._balance(self.acc_loss, self.analytic_b), 0.0)

    def test_missing_goods_returned_leave_no_value_in_transit(self):
        stock_before = self._balance(self.acc_stock)
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_long: (0, 0)})
        self._settle(transfer.discrepancy_ids, "return", user=self.manager_a)
        self.assertEqual(self._balance(self.transit_account), 0.0)
        self.assertEqual(self._balance(self.acc_stock), stock_before)
        self.assertEqual(self._balance(self.acc_loss), 0.0, "nothing lost")
