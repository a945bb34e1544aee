from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainAccountStoreCase


@tagged("post_install", "-at_install")
class TestTaxes(ChainAccountStoreCase):
    def test_cn_taxes_are_tax_included_and_idempotent(self):
        company = self.env.company
        config = self._pos_config(self.store_a)
        config.iface_tax_included = "subtotal"
        excluded = self.env["account.tax"].create(
            {"name": "VAT 9% (test)", "amount": 9.0, "type_tax_use": "sale", "company_id": company.id,
             "price_include_override": "tax_excluded"}
        )  # fmt: skip
        taxes = company._chain_account_setup_cn_taxes()
        self.assertEqual(sorted(taxes), [6.0, 9.0, 13.0])
        for rate, tax in taxes.items():
            self.assertTrue(tax.price_include, f"{rate}% includes the tax")
            self.assertEqual(tax.amount, rate)
        self.assertEqual(company.chain_sale_tax_id, taxes[13.0])
        self.assertEqual(company.account_sale_tax_id, taxes[13.0])
        self.assertNotEqual(taxes[9.0], excluded, "a tax-included copy of the 9% rate")
        self.assertEqual(config.iface_tax_included, "total")
        self.assertEqual(company._chain_account_setup_cn_taxes(), taxes, "a second run changes nothing")
        # a tax-included price of 113 is 100 + 13 of VAT
        result = taxes[13.0].compute_all(113.0)
        self.assertAlmostEqual(result["total_excluded"], 100.0)

    def test_only_accounting_administrators_set_up_taxes(self):
        settings = self.env["res.config.settings"].with_user(self.chain_manager)
        with self.assertRaises(AccessError):
            settings.new({}).action_chain_setup_cn_taxes()
