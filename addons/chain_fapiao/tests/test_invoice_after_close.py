from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import VALID_VAT, ChainFapiaoCase


@tagged("post_install", "-at_install")
class TestInvoiceAfterClose(ChainFapiaoCase):
    """A fapiao asked for after the till's session closed: the order is invoiced then, and the
    books must show the sale, its tax, its cost and its payment once (odoo/odoo#245941, #286516,
    #288910 on this 18.0 tree)."""

    def _invoice_later(self, order, **vals):
        with freeze_time(fields.Datetime.now() + relativedelta(days=2)):
            request = self._request(order, buyer_vat=VALID_VAT, **vals)
        self.assertEqual(request.state, "invoiced", request.error)
        return request.move_id

    def test_cash_sale_receivable_reconciled(self):
        """#288910: the invoice is paid by the sale's payment, no POS receivable left open, the sale
        and its VAT counted once."""
        order = self._sell()
        session = self._close()
        invoice = self._invoice_later(order)
        self.assertEqual(invoice.partner_id.vat, VALID_VAT)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.amount_total, 113.0)
        self.assertEqual(invoice.amount_tax, 13.0)
        moves = (
            self.env["account.move"]
            .search([])
            .filtered(
                lambda m: (
                    m == session.move_id
                    or m == invoice
                    or m.reversed_pos_order_id == order
                    or order.payment_ids.account_move_id == m
                )
            )
        )
        open_pos_receivable = self.env["account.move.line"].search(
            [
                ("move_id", "in", moves.ids),
                ("account_id", "in", (self.pos_receivable_cash | self.pos_receivable_account).ids),
                ("reconciled", "=", False),
                ("parent_state", "=", "posted"),
            ]
        )
        self.assertFalse(open_pos_receivable.filtered(lambda aml: not aml.currency_id.is_zero(aml.amount_residual)))
        self.assertAlmostEqual(self._balance(self.sale_account, moves), -100.0)
        tax_account = self.vat13.invoice_repartition_line_ids.account_id
        self.assertAlmostEqual(self._balance(tax_account, moves), -13.0)
        reversal = self.env["account.move"].search([("reversed_pos_order_id", "=", order.id)])
        self.assertEqual(len(reversal), 1)
        self.assertEqual(reversal.state, "posted")

    def test_customer_account_sale_only_invoice_open(self):
        """#245941: paid on the customer's account: after invoicing, only the invoice is open."""
        customer = self.env["res.partner"].create({"name": "Mrs Li (test)", "vat": VALID_VAT})
        order = self._sell(payment=self.pay_later_pm, customer=customer)
        self._close()
        invoice = self._invoice_later(order)
        self.assertEqual(invoice.partner_id, customer)
        self.assertEqual(invoice.amount_residual, 113.0)
        receivable = customer.property_account_receivable_id
        open_lines = self.env["account.move.line"].search(
            [
                ("partner_id", "=", customer.id),
                ("account_id", "=", receivable.id),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
            ]
        )
        self.assertEqual(open_lines.move_id, invoice, "the customer owes the invoice, and only it")
        self.assertAlmostEqual(sum(open_lines.mapped("amount_residual")), 113.0)

    def _anglo_product(self):
        product = self.create_product("Formula tin (anglo test)", self.categ_anglo, 113.0, 40.0, self.vat13.ids)
        self.adjust_inventory([product], [10])
        return product

    def _cogs(self, product):
        expense = product._get_product_accounts()["expense"]
        output = self.categ_anglo.property_stock_account_output_categ_id
        return self._balance(expense), self._balance(output)

    def test_cogs_once_stock_at_closing(self):
        """#286516: stock moved at closing (no delivery on the order): the cost of goods is not
        doubled by the invoice."""
        self.company.point_of_sale_update_stock_quantities = "closing"
        self.assertTrue(self.company.anglo_saxon_accounting)
        product = self._anglo_product()
        order = self._sell(product=product)
        self.assertTrue(self.pos_session.update_stock_at_closing)
        self._close()
        self.assertEqual(self._cogs(product), (40.0, 0.0))
        self._invoice_later(order)
        self.assertEqual(self._cogs(product), (40.0, 0.0), "cost of goods once, stock output cleared")

    def test_cogs_once_stock_real_time(self):
        """The delivery made at the sale: the cost of goods stays once, stock output cleared."""
        self.company.point_of_sale_update_stock_quantities = "real"
        product = self._anglo_product()
        order = self._sell(product=product)
        self._close()
        self.assertEqual(self._cogs(product), (40.0, 0.0))
        self._invoice_later(order)
        self.assertEqual(self._cogs(product), (40.0, 0.0))

    def test_refund_of_order_invoiced_after_close(self):
        """A sale invoiced after closing then returned: the return's credit note reverses the
        invoice, and the sale, its VAT and the receivables net to zero."""
        order = self._sell()
        self._close()
        invoice = self._invoice_later(order)
        self.open_new_session()
        order.refund()
        refund = self.pos_session.order_ids.filtered(lambda o: o.state == "draft")
        self.assertEqual(refund.amount_total, -113.0)
        payment = self.env["pos.make.payment"].with_context(active_ids=refund.ids, active_id=refund.id)
        payment.create({"payment_method_id": self.cash_pm1.id, "amount": -113.0}).check()
        refund.action_pos_order_invoice()
        credit_note = refund.account_move
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, invoice)
        self._close()
        self.assertIn(credit_note.payment_state, ("paid", "in_payment", "reversed"))
        tax_account = self.vat13.invoice_repartition_line_ids.account_id
        self.assertAlmostEqual(self._balance(self.sale_account), 0.0)
        self.assertAlmostEqual(self._balance(tax_account), 0.0)
        for account in (self.pos_receivable_cash, self.pos_receivable_account, self.receivable_account):
            self.assertAlmostEqual(self._balance(account), 0.0, msg=account.name)
