from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LIABILITY_TYPES = ("liability_current", "liability_non_current")


class ProductTemplate(models.Model):
    _inherit = "product.template"
    _chain_guarded_fields = {}  # the prepaid kind is catalogue configuration, under the product's ACL

    chain_prepaid_kind = fields.Selection(
        [("wallet_topup", "Stored value top-up"), ("deposit", "Formula deposit"), ("service_card", "Service card")],
        string="Prepayment",
        help="A prepayment product is sold into a customer-deposit liability account (its income "
        "account), not into revenue: the revenue is recognised when the prepayment is used.",
    )

    @api.onchange("chain_prepaid_kind")
    def _onchange_chain_prepaid_kind(self):
        if self.chain_prepaid_kind:
            company = self.company_id or self.env.company
            self.property_account_income_id = company._chain_prepaid_account(self.chain_prepaid_kind)
            self.type = "service"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("chain_prepaid_kind"):
                vals.setdefault("type", "service")
                if not vals.get("property_account_income_id"):
                    company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                    vals["property_account_income_id"] = company._chain_prepaid_account(vals["chain_prepaid_kind"]).id
        templates = super().create(vals_list)
        templates._chain_prepaid_sync_programs()
        return templates

    def write(self, vals):
        if vals.get("chain_prepaid_kind") and "property_account_income_id" not in vals:
            for template in self:
                company = template.company_id or self.env.company
                account = company._chain_prepaid_account(vals["chain_prepaid_kind"])
                if template.property_account_income_id != account:
                    super(ProductTemplate, template).write({"property_account_income_id": account.id})
        result = super().write(vals)
        if "chain_prepaid_kind" in vals:
            self._chain_prepaid_sync_programs()
        return result

    def _chain_prepaid_sync_programs(self):
        topups = self.filtered(lambda t: t.chain_prepaid_kind == "wallet_topup")
        if topups:
            self.env["loyalty.program"]._chain_wallet_add_trigger_products(topups.product_variant_ids)

    @api.constrains("chain_prepaid_kind", "property_account_income_id")
    def _check_chain_prepaid_account(self):
        for template in self.filtered("chain_prepaid_kind"):
            account = template.property_account_income_id
            if account and account.account_type not in LIABILITY_TYPES:
                raise ValidationError(
                    _(
                        "%(product)s is a prepayment: its income account must be a liability account "
                        "(customer deposits), not %(account)s.",
                        product=template.display_name,
                        account=account.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Service count cards (次卡): N uses of a service, for a period, in some stores
    # ------------------------------------------------------------------
    chain_card_uses = fields.Integer(string="Uses", default=10, help="How many times the card's service is given.")
    chain_card_validity_days = fields.Integer(
        string="Validity (days)", default=365, help="The card is used within this many days of its sale."
    )
    chain_card_service_product_id = fields.Many2one(
        "product.product",
        string="Service",
        domain=[("type", "=", "service")],
        help="The service each use pays for (e.g. a baby bath).",
    )
    chain_card_store_ids = fields.Many2many(
        "chain.store", string="Usable in Stores", help="Empty: usable in every store of the chain."
    )

    @api.constrains(
        "chain_prepaid_kind", "chain_card_uses", "chain_card_validity_days", "chain_card_service_product_id"
    )
    def _check_chain_service_card(self):
        for template in self.filtered(lambda t: t.chain_prepaid_kind == "service_card"):
            if template.chain_card_uses <= 0 or template.chain_card_validity_days <= 0:
                raise ValidationError(_("A service card has at least one use and a validity of at least a day."))
            if not template.chain_card_service_product_id:
                raise ValidationError(_("Service card %s: choose the service it pays for.", template.name))
