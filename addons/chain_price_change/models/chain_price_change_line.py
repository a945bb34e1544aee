from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib.pricing import change_percent, margin_percent


class ChainPriceChangeLine(models.Model):
    """A product's new price on a price change.

    Lines hold variants (``product.product``): the POS sells, scans and imports variants, and a
    store pricelist item can price one variant; a list price change writes the variant's
    template list price (variant extras stay on top).
    """

    _name = "chain.price.change.line"
    _description = "Price Change Line"
    _order = "change_id, sequence, id"
    _chain_guarded_fields = {"current_price": ("_chain_freeze_current_price",)}
    _chain_store_field = "change_id.store_id"

    sequence = fields.Integer(default=10)
    change_id = fields.Many2one("chain.price.change", required=True, index=True, ondelete="cascade")
    state = fields.Selection(related="change_id.state")
    company_id = fields.Many2one(related="change_id.company_id", store=True)
    currency_id = fields.Many2one(related="change_id.currency_id")
    product_id = fields.Many2one(
        "product.product", string="Product", required=True, index=True, check_company=True,
        domain=[("sale_ok", "=", True)],
    )  # fmt: skip
    barcode = fields.Char(related="product_id.barcode")
    current_price = fields.Float(
        digits="Product Price", readonly=True,
        help="The price before this change: taken when the line is added, again when the change is submitted.",
    )  # fmt: skip
    new_price = fields.Float(digits="Product Price", required=True)
    change_percent = fields.Float(string="Change (%)", compute="_compute_margin", digits=(16, 1))
    standard_price = fields.Float(string="Cost", related="product_id.standard_price", digits="Product Price")
    margin_percent = fields.Float(string="Margin (%)", compute="_compute_margin", digits=(16, 1))
    below_cost = fields.Boolean(compute="_compute_margin", help="The new price is below the product's cost.")

    @api.constrains("new_price")
    def _check_new_price(self):
        for line in self:
            if line.new_price <= 0:
                raise ValidationError(
                    _("The new price of %(product)s must be greater than zero, not %(price)s.",
                      product=line.product_id.display_name, price=line.new_price)
                )  # fmt: skip

    @api.model
    def _chain_current_price_of(self, product, change):
        """The price ``product`` sells at today in the scope of ``change``."""
        if change.scope == "pricelist" and change.pricelist_id:
            # sudo: a store manager reads its store's pricelist rules, whoever wrote them
            pricelist = change.pricelist_id.sudo()
            return pricelist._get_product_price(product, 1.0, date=change.effective_date)
        return product.product_tmpl_id.list_price

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.change_id._chain_check_draft()
        lines._chain_freeze_current_price()
        return lines

    def write(self, vals):
        if set(vals) - {"sequence"}:
            self.change_id._chain_check_draft()
        return super().write(vals)

    def _chain_freeze_current_price(self):
        """Take the current price (on create and on submit); afterwards it no longer moves."""
        for line in self:
            line.current_price = self._chain_current_price_of(line.product_id, line.change_id)

    @api.depends("current_price", "new_price", "standard_price")
    def _compute_margin(self):
        for line in self:
            line.change_percent = change_percent(line.current_price, line.new_price)
            line.margin_percent = margin_percent(line.new_price, line.standard_price)
            line.below_cost = line.currency_id.compare_amounts(line.new_price, line.standard_price) < 0
