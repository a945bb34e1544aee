from odoo import Command
from odoo.tests import tagged

from .common import ChainAccountStoreCase


@tagged("post_install", "-at_install")
class TestStoreAnalytic(ChainAccountStoreCase):
    """Each store is an analytic account of the plan "Stores"; documents of a store carry its distribution."""

    def test_store_gets_its_analytic_account(self):
        store = self.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        account = store.analytic_account_id
        plan = self.env.ref("chain_account_store.account_analytic_plan_stores")
        self.assertRecordValues(account, [{"name": "Test Store C", "code": "TC01", "plan_id": plan.id,
                                           "chain_store_id": store.id}])  # fmt: skip
        self.assertEqual(store._chain_analytic_distribution(), {str(account.id): 100})
        store.name = "Test Store C (renamed)"
        self.assertEqual(account.name, "Test Store C (renamed)")

    def test_scrap_in_a_store_is_its_loss(self):
        scrap = self.env["stock.scrap"].create(
            {"product_id": self.formula.id, "lot_id": self.lot_long.id, "scrap_qty": 1,
             "location_id": self.shelf_a.id}
        )  # fmt: skip
        scrap.do_scrap()
        self.assertEqual(self._balance(self.acc_loss, self.analytic_a), 150.0)

    def test_count_variance_is_the_store_s(self):
        quant = self.env["stock.quant"].search(
            [("location_id", "=", self.shelf_a.id), ("lot_id", "=", self.lot_long.id)]
        )
        quant.with_context(inventory_mode=True).write({"inventory_quantity": 8})
        quant.action_apply_inventory()
        self.assertEqual(self._balance(self.acc_loss, self.analytic_a), 300.0, "2 units short at 150")
        self.assertEqual(self._balance(self.acc_loss, self.analytic_b), 0.0)

    def test_vendor_bill_of_a_store_purchase_carries_the_store(self):
        service = self.env["product.product"].create(
            {"name": "Shelf repair (test)", "type": "service", "purchase_method": "purchase",
             "property_account_expense_id": self.acc_rent.id}
        )  # fmt: skip
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "picking_type_id": self.wh_b.in_type_id.id,
                "order_line": [Command.create({"product_id": service.id, "product_qty": 1, "price_unit": 500})],
            }
        )
        self.assertEqual(order.order_line.analytic_distribution, {str(self.analytic_b.id): 100})
        order.button_confirm()
        order.action_create_invoice()
        bill = order.invoice_ids
        self.assertEqual(bill.chain_store_id, self.store_b)
        bill.invoice_date = "2026-03-10"
        bill.action_post()
        self.assertEqual(self._balance(self.acc_rent, self.analytic_b), 500.0)

    def test_store_expense_entry_takes_the_store_distribution(self):
        move = self._entry([(self.acc_rent, 800.0, None), (self.acc_payable, -800.0, None)], store=self.store_a)
        rent = move.line_ids.filtered(lambda line: line.account_id == self.acc_rent)
        payable = move.line_ids - rent
        self.assertEqual(rent.analytic_distribution, {str(self.analytic_a.id): 100})
        self.assertFalse(payable.analytic_distribution, "balance sheet lines are not a store's P&L")

    def test_an_explicit_distribution_is_kept(self):
        move = self._entry([(self.acc_rent, 800.0, self.store_b), (self.acc_payable, -800.0, None)], store=self.store_a)
        rent = move.line_ids.filtered(lambda line: line.account_id == self.acc_rent)
        self.assertEqual(rent.analytic_distribution, {str(self.analytic_b.id): 100})

    def test_store_defaults_to_the_users_single_store(self):
        Move = self.env["account.move"]
        self.assertEqual(Move.with_user(self.staff_a)._default_chain_store_id(), self.store_a)
        self.assertFalse(Move.with_user(self.chain_manager)._default_chain_store_id())

    def test_store_staff_do_not_see_other_stores_entries(self):
        move = self._entry([(self.acc_rent, 100.0, None), (self.acc_payable, -100.0, None)], store=self.store_b)
        visible = self.env["account.move"].with_user(self.staff_a).search([("id", "=", move.id)])
        self.assertFalse(visible)
        self.assertTrue(self.env["account.move"].with_user(self.accountant).search([("id", "=", move.id)]))

    def test_pos_session_entry_belongs_to_the_tills_store(self):
        config = self._pos_config(self.store_a)
        config.chain_store_id = self.store_a
        self.product.write({"available_in_pos": True})
        order = self._pos_order(config, amount=80.0)
        order.action_pos_order_paid()
        session = order.session_id
        session.action_pos_session_closing_control()
        self.assertEqual(session.move_id.chain_store_id, self.store_a)
        income = session.move_id.line_ids.filtered(lambda line: line.account_id.internal_group == "income")
        self.assertTrue(income)
        for line in income:
            self.assertEqual(line.analytic_distribution, {str(self.analytic_a.id): 100})

    def test_pos_invoice_belongs_to_the_tills_store(self):
        config = self._pos_config(self.store_b)
        config.chain_store_id = self.store_b
        order = self._pos_order(config, amount=30.0)
        order.partner_id = self.supplier
        self.assertEqual(order._prepare_invoice_vals()["chain_store_id"], self.store_b.id)

    def test_store_staff_do_not_see_other_stores_analytic_accounts(self):
        Analytic = self.env["account.analytic.account"]
        self.assertFalse(Analytic.with_user(self.staff_a).search([("id", "=", self.analytic_b.id)]))
        self.assertTrue(Analytic.with_user(self.staff_a).search([("id", "=", self.analytic_a.id)]))
        self.assertTrue(Analytic.with_user(self.accountant).search([("id", "=", self.analytic_b.id)]))
