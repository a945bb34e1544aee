from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.chain_price_history import SCOPES


class ChainPriceChangeWizard(models.TransientModel):
    """*Change Prices* on selected products: a draft price change with a line per variant, at the
    current price moved by a percentage (0 keeps it, to be edited line by line)."""

    _name = "chain.price.change.wizard"
    _description = "Change Prices of Products"
    _chain_guarded_fields = {}  # creates a draft change through its own create

    product_tmpl_ids = fields.Many2many("product.template", string="Products")
    scope = fields.Selection(SCOPES, required=True, default="pricelist")
    pricelist_target = fields.Selection(
        [("store", "Store"), ("region", "Region")], string="Pricelist of", default="store"
    )
    store_id = fields.Many2one("chain.store", default=lambda self: self.env.user.chain_store_id)
    region_id = fields.Many2one("chain.store.region")
    effective_date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Text(required=True)
    percent = fields.Float(string="Change (%)", help="e.g. -10 lowers every price by 10%; 0 keeps the current prices.")
    rounding = fields.Selection(
        [("0.01", "Cents (0.01)"), ("0.1", "Jiao (0.1)"), ("1.0", "Yuan (1)")], required=True, default="0.1",
    )  # fmt: skip

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "product.template":
            res["product_tmpl_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return res

    def action_create(self):
        self.ensure_one()
        products = self.product_tmpl_ids.product_variant_ids
        if not products:
            raise UserError(_("Select the products whose prices change."))
        change = self.env["chain.price.change"].create(
            {
                "scope": self.scope,
                "pricelist_target": self.pricelist_target,
                "store_id": self.store_id.id,
                "region_id": self.region_id.id,
                "effective_date": self.effective_date,
                "reason": self.reason,
            }
        )
        change._chain_add_products(products, self.percent, float(self.rounding))
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.price.change",
            "res_id": change.id,
            "view_mode": "form",
        }
