from odoo import api, fields, models

from ..lib.pricing import change_percent

SCOPES = [("list_price", "List Price"), ("pricelist", "Store/Region Pricelist")]


class ChainPriceHistory(models.Model):
    """One price a product had from a date on: written by applied price changes and by hand
    edits of the list price, never edited afterwards."""

    _name = "chain.price.history"
    _description = "Price History"
    _order = "date desc, id desc"
    _rec_name = "product_tmpl_id"
    _chain_guarded_fields = {}  # a log: read-only for every user (ACL), written as superuser only
    _chain_store_field = "store_id"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, index=True)
    effective_date = fields.Date(readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", required=True, index=True, ondelete="cascade", readonly=True
    )
    product_id = fields.Many2one("product.product", string="Variant", index=True, ondelete="cascade", readonly=True)
    scope = fields.Selection(SCOPES, required=True, readonly=True, index=True)
    pricelist_id = fields.Many2one("product.pricelist", readonly=True, ondelete="set null")
    store_id = fields.Many2one("chain.store", readonly=True, index=True, ondelete="set null")
    region_id = fields.Many2one("chain.store.region", readonly=True, index=True, ondelete="set null")
    old_price = fields.Float(digits="Product Price", readonly=True)
    new_price = fields.Float(digits="Product Price", readonly=True)
    change_percent = fields.Float(string="Change (%)", digits=(16, 1), readonly=True, aggregator="avg")
    change_id = fields.Many2one("chain.price.change", string="Price Change", readonly=True, ondelete="set null")
    user_id = fields.Many2one("res.users", string="Changed by", readonly=True, default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", readonly=True, index=True, default=lambda self: self.env.company)

    @api.model
    def _record(self, vals_list):
        """Write history rows; callers give product, scope, prices and, for a price change, its
        reference. Rows are written as superuser: they are a log, not a user's document."""
        for vals in vals_list:
            vals.setdefault("change_percent", change_percent(vals.get("old_price"), vals.get("new_price")))
        # sudo: the history is written on behalf of whoever changed a price, and nobody writes it by hand
        return self.sudo().create(vals_list)
