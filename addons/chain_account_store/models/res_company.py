from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError

# The chain's VAT rates on sales (goods, reduced rate, services) and their settings fields.
CN_SALE_RATES = (
    ("chain_sale_tax_id", 13.0),
    ("chain_sale_tax_reduced_id", 9.0),
    ("chain_sale_tax_service_id", 6.0),
)


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # settings of the company (its administrators and accountants)

    chain_transit_account_id = fields.Many2one(
        "account.account",
        string="Goods in Transit Account",
        help="Current asset holding the value of goods shipped by one store and not yet received by another.",
    )
    chain_shrinkage_account_ids = fields.Many2many(
        "account.account",
        "chain_account_store_company_shrinkage_rel",
        "company_id",
        "account_id",
        string="Write-off and Shrinkage Accounts",
        help="Expense accounts the store P&L shows as write-offs and shrinkage (scrap, count variances, "
        "transfer losses). Empty: the accounts of the inventory-loss and scrap locations.",
    )
    chain_commission_account_ids = fields.Many2many(
        "account.account",
        "chain_account_store_company_commission_rel",
        "company_id",
        "account_id",
        string="Commission Accounts",
        help="Expense accounts the store P&L shows as staff commission.",
    )
    chain_sale_tax_id = fields.Many2one(
        "account.tax", string="VAT on Goods", domain=[("type_tax_use", "=", "sale")], help="Usually 13%."
    )
    chain_sale_tax_reduced_id = fields.Many2one(
        "account.tax", string="VAT Reduced Rate", domain=[("type_tax_use", "=", "sale")], help="Usually 9%."
    )
    chain_sale_tax_service_id = fields.Many2one(
        "account.tax", string="VAT on Services", domain=[("type_tax_use", "=", "sale")], help="Usually 6%."
    )
    chain_pos_tax_included = fields.Boolean(
        string="POS Prices Include Tax",
        default=True,
        help="Tills show and charge tax-included prices, as Chinese retail does.",
    )

    # -- goods in transit -----------------------------------------------------

    def _chain_transit_account(self, create=True):
        """The company's goods-in-transit account (a current asset), created when missing."""
        self.ensure_one()
        if self.chain_transit_account_id or not create:
            return self.chain_transit_account_id
        # sudo: the account is company configuration, created on the first shipment by whoever ships
        Account = self.env["account.account"].sudo().with_company(self)
        if not Account.search_count([("company_ids", "in", self.ids)], limit=1):
            return Account  # no chart of accounts yet: nothing is valued
        account = Account.create(
            {
                "name": _("Goods in Transit between Stores"),
                "code": Account._search_new_account_code("1409"),
                "account_type": "asset_current",
                "company_ids": [Command.set(self.ids)],
            }
        )
        # sudo: the setting is filled once with the account just found or created
        self.sudo().chain_transit_account_id = account
        return account

    # -- store P&L classification -----------------------------------------------

    def _chain_shrinkage_accounts(self):
        """Accounts shown as write-offs and shrinkage: the setting, else the accounts stock losses
        are booked to (inventory-loss and scrap locations, and the stock output of categories)."""
        self.ensure_one()
        if self.chain_shrinkage_account_ids:
            return self.chain_shrinkage_account_ids
        # sudo: location and category configuration, read to classify the company's accounts
        Location = self.env["stock.location"].sudo().with_company(self)
        locations = Location.search([("usage", "=", "inventory"), ("company_id", "in", [self.id, False])])
        accounts = locations.valuation_in_account_id | locations.valuation_out_account_id
        if not accounts:
            category = self.env.ref("product.product_category_all", raise_if_not_found=False)
            if category:
                # sudo: the category's accounts, read to classify the company's accounts
                accounts = category.sudo().with_company(self).property_stock_account_output_categ_id
        return accounts.filtered(lambda a: a.internal_group == "expense")

    # -- taxes --------------------------------------------------------------------

    def _chain_account_setup_cn_taxes(self):
        """Chinese retail VAT: tax-included 13%/9%/6% sale taxes set as the chain's rates, the
        13% one as the default sale tax, and tax-included prices on the tills.

        Reuses a price-included sale tax of the rate when there is one, else makes a
        price-included copy of an l10n_cn (excluded) tax of the rate, else creates one. Idempotent.
        Returns ``{rate: tax}``.
        """
        result = {}
        for company in self:
            # sudo: called by the demo set-up and the settings (administrators); creates taxes
            company = company.sudo().with_company(company)
            Tax = company.env["account.tax"]
            for field, rate in CN_SALE_RATES:
                tax = company[field]
                if not (tax and tax.price_include and tax.amount == rate):
                    tax = company._chain_find_or_create_included_tax(Tax, rate)
                company[field] = tax
                result[(company.id, rate)] = tax
            company.account_sale_tax_id = company.chain_sale_tax_id
            company.chain_pos_tax_included = True
            configs = company.env["pos.config"].search([("company_id", "=", company.id)])
            configs.write({"iface_tax_included": "total"})
        return {rate: tax for (_company, rate), tax in result.items()}

    def _chain_find_or_create_included_tax(self, Tax, rate):
        domain = [("company_id", "=", self.id), ("type_tax_use", "=", "sale"), ("amount_type", "=", "percent"),
                  ("amount", "=", rate)]  # fmt: skip
        included = Tax.search(domain + [("price_include", "=", True)], limit=1)
        if included:
            return included
        excluded = Tax.search(domain, limit=1)
        label = f"{rate:g}%"
        name = _("%s (tax included)", label)
        if excluded:
            return excluded.copy({"name": name, "price_include_override": "tax_included"})
        return Tax.create(
            {
                "name": name,
                "amount": rate,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": self.id,
                "country_id": self.account_fiscal_country_id.id or self.country_id.id,
            }
        )

    @api.model
    def _chain_check_account_admin(self):
        """Only accounting administrators change the chain's tax set-up."""
        if not self.env.user.has_group("account.group_account_manager"):
            raise AccessError(_("Only accounting administrators can set up the taxes."))
