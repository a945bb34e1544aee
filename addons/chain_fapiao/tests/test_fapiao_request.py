from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import VALID_VAT, ChainFapiaoCase


@tagged("post_install", "-at_install")
class TestFapiaoRequest(ChainFapiaoCase):
    """Store staff ask for a fapiao on their store's orders; the order is invoiced to the buyer."""

    def test_staff_request_invoices_the_order(self):
        order = self._sell()
        request = self._request(order, user=self.staff_a, buyer_vat="9135 0100 m000 100y43", fapiao_type="special")
        self.assertRecordValues(
            request, [{"state": "invoiced", "buyer_vat": VALID_VAT, "store_id": self.store_a.id, "error": False}]
        )
        invoice = request.sudo().move_id
        self.assertEqual(order.account_move, invoice)
        self.assertEqual(invoice.partner_id.vat, VALID_VAT)
        self.assertEqual(invoice.partner_id.name, "Shanghai Baby Care Co")
        fapiao = invoice.chain_fapiao_ids
        self.assertRecordValues(
            fapiao,
            [
                {
                    "state": "to_issue",
                    "kind": "digital_special",
                    "amount_untaxed": 100.0,
                    "amount_tax": 13.0,
                    "amount_total": 113.0,
                    "store_id": self.store_a.id,
                }
            ],
        )
        self.assertEqual(invoice.chain_fapiao_state, "to_issue")
        # a second order of the same buyer finds the partner by its tax id
        other = self._request(self._sell(), buyer_vat=VALID_VAT, buyer_name="Another spelling")
        self.assertEqual(other.partner_id, invoice.partner_id)
        # the staff sees their request; the other store's staff does not
        Request = self.env["chain.fapiao.request"]
        self.assertEqual(Request.with_user(self.staff_a).search([("id", "=", request.id)]), request)
        self.assertFalse(Request.with_user(self.staff_b).search([("id", "=", request.id)]))
        self.assertFalse(self.env["chain.fapiao"].with_user(self.staff_b).search([("id", "=", fapiao.id)]))
        self.assertTrue(self.env["chain.fapiao"].with_user(self.staff_a).search([("id", "=", fapiao.id)]))

    def test_individual_without_tax_id(self):
        request = self._request(self._sell(), buyer_name="Wang Fang")
        self.assertEqual(request.state, "invoiced")
        self.assertFalse(request.partner_id.vat)
        self.assertEqual(request.move_id.chain_fapiao_ids.kind, "digital_normal")

    def test_other_store_order_refused(self):
        order = self._sell()
        with self.assertRaises(AccessError):
            self._request(order, user=self.staff_b)
        with self.assertRaises(UserError):
            self.env["chain.fapiao.request"].with_user(self.staff_b).create_from_pos(
                order.uuid, {"buyer_name": "Attacker Co"}
            )
        self.assertFalse(order.chain_fapiao_request_ids)
        self.assertFalse(order.account_move)

    def test_wrong_tax_ids_refused(self):
        order = self._sell()
        for vat in ("91350100M000100Y42", "91350100M000100Y4", "91350100M0001I0Y43"):
            with self.assertRaises(ValidationError):
                self._request(order, user=self.staff_a, buyer_vat=vat)
        with self.assertRaises(ValidationError):
            self._request(order, user=self.staff_a, fapiao_type="special")
        self.assertFalse(order.chain_fapiao_request_ids)
        self.assertFalse(order.account_move)

    def test_one_request_per_order_and_paid_sales_only(self):
        order = self._sell()
        self._request(order, user=self.staff_a)
        with self.assertRaises(ValidationError):
            self._request(order, user=self.staff_a, buyer_name="Second title")

    def test_deadline(self):
        order = self._sell()
        self.company.chain_fapiao_request_days = 30
        with freeze_time(fields.Datetime.now() + relativedelta(days=31)):
            with self.assertRaises(UserError):
                self._request(order, user=self.staff_a)
            with self.assertRaises(UserError):
                self._request(order, source="qr")
            # the accountant may still invoice in the back office
            request = self._request(order, user=self.accountant)
        self.assertEqual(request.state, "invoiced")

    def test_create_from_pos(self):
        order = self._sell()
        answer = (
            self.env["chain.fapiao.request"]
            .with_user(self.staff_a)
            .create_from_pos(
                order.uuid, {"buyer_name": "Acme", "buyer_vat": VALID_VAT, "state": "invoiced", "move_id": 1}
            )
        )
        request = self.env["chain.fapiao.request"].browse(answer["id"])
        self.assertEqual(request.source, "till")
        self.assertEqual(answer["invoice"], order.account_move.name)
        with self.assertRaises(UserError):
            self.env["chain.fapiao.request"].with_user(self.staff_a).create_from_pos()

    def test_guarded_fields_and_buttons(self):
        request = self._request(self._sell(), user=self.staff_a)
        with self.assertRaises(AccessError):
            request.with_user(self.staff_a).write({"state": "requested"})
        with self.assertRaises(AccessError):
            request.with_user(self.staff_a).action_cancel()
        with self.assertRaises(AccessError):
            request.with_user(self.staff_a).action_invoice()
        with self.assertRaises(UserError):
            request.with_user(self.accountant).action_cancel()
        with self.assertRaises(UserError):
            request.with_user(self.staff_a).write({"buyer_name": "Changed"})
        # the token of the receipt is the server's
        order = request.order_id
        token = order.chain_fapiao_token
        self.assertGreaterEqual(len(token), 30)
        order.with_user(self.staff_a).write({"chain_fapiao_token": "mine"})
        self.assertEqual(order.chain_fapiao_token, token)
