import base64

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import VALID_VAT, ChainFapiaoCase
from .test_fapiao_register import digital_number

ROW = (
    "<发票><发票号码>{number}</发票号码><开票日期>{date}</开票日期><购买方名称>{name}</购买方名称>"
    "<购买方纳税人识别号>{vat}</购买方纳税人识别号><合计金额>{untaxed}</合计金额><合计税额>{tax}</合计税额>"
    "<价税合计>{total}</价税合计><发票票种>数电票(普通发票)</发票票种></发票>"
)


def bureau_file(*rows):
    return ('<?xml version="1.0" encoding="UTF-8"?><发票列表>' + "".join(rows) + "</发票列表>").encode()


@tagged("post_install", "-at_install")
class TestFapiaoImport(ChainFapiaoCase):
    """The tax bureau's issued-invoice file fills the register's numbers."""

    def _import(self, data):
        wizard = (
            self.env["chain.fapiao.import.wizard"]
            .with_user(self.accountant)
            .create({"data_file": base64.b64encode(data)})
        )
        wizard.action_import()
        return wizard

    def test_import_matches_and_twice_changes_nothing(self):
        company = self._request(self._sell(), buyer_vat=VALID_VAT).move_id.chain_fapiao_ids
        person = self._request(self._sell(), buyer_name="Wang Fang").move_id.chain_fapiao_ids
        today = fields.Date.today().isoformat()
        data = bureau_file(
            ROW.format(number=digital_number(11), date=today, name="Other title", vat=VALID_VAT,
                       untaxed="100.00", tax="13.00", total="113.00"),
            ROW.format(number=digital_number(12), date=today, name="Wang Fang", vat="",
                       untaxed="100.00", tax="13.00", total="113.00"),
            ROW.format(number=digital_number(13), date=today, name="Unknown Ltd", vat="",
                       untaxed="10.00", tax="1.30", total="11.30"),
        )  # fmt: skip
        wizard = self._import(data)
        self.assertEqual(wizard.matched_count, 2)
        self.assertRecordValues(
            company | person,
            [
                {"state": "issued", "number": digital_number(11), "issue_date": fields.Date.today()},
                {"state": "issued", "number": digital_number(12), "issue_date": fields.Date.today()},
            ],
        )
        self.assertIn(digital_number(13), wizard.result)
        self.assertIn("Unknown Ltd", wizard.result)
        again = self._import(data)
        self.assertEqual((again.matched_count, again.skipped_count), (0, 2))
        self.assertEqual(self.env["chain.fapiao"].search_count([("number", "!=", False)]), 2)

    def test_wrong_number_in_file_not_used(self):
        fapiao = self._request(self._sell(), buyer_vat=VALID_VAT).move_id.chain_fapiao_ids
        row = ROW.format(number=digital_number(1)[:19], date=fields.Date.today().isoformat(), name="X",
                         vat=VALID_VAT, untaxed="100.00", tax="13.00", total="113.00")  # fmt: skip
        wizard = self._import(bureau_file(row))
        self.assertEqual(wizard.matched_count, 0)
        self.assertEqual(fapiao.state, "to_issue")
        self.assertIn("20 digits", wizard.result)

    def test_bad_file(self):
        for data in (b"PK\x03\x04 an excel file", b"<html><body>login</body></html>"):
            with self.assertRaises(UserError):
                self._import(data)

    def test_the_bureau_einvoice_xml(self):
        fapiao = self._request(self._sell(), buyer_vat=VALID_VAT).move_id.chain_fapiao_ids
        data = (
            f"<EInvoice><TaxSupervisionInfo><InvoiceNumber>{digital_number(21)}</InvoiceNumber><IssueTime>{fields.Date.today().isoformat()}</IssueTime>"
            f"</TaxSupervisionInfo><EInvoiceData><BuyerInformation><BuyerIdNum>{VALID_VAT}</BuyerIdNum>"
            "<BuyerName>Shanghai Baby Care Co</BuyerName></BuyerInformation><BasicInformation>"
            "<TotalAmWithoutTax>100.00</TotalAmWithoutTax><TotalTaxAm>13.00</TotalTaxAm>"
            "<TotalTax-includedAmount>113.00</TotalTax-includedAmount></BasicInformation></EInvoiceData></EInvoice>"
        )
        self._import(data.encode())
        self.assertEqual(fapiao.number, digital_number(21))
