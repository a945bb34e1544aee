from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"
    _chain_guarded_fields = {}  # a computed flag, nothing stored

    chain_pos_lot_required = fields.Boolean(
        string="Lot Required at the POS",
        compute="_compute_chain_pos_lot_required",
        help="Set on the product category (or a parent category): the POS refuses a sale of this "
        "product without a lot.",
    )

    @api.depends("tracking", "categ_id.parent_path", "categ_id.chain_pos_lot_required")
    def _compute_chain_pos_lot_required(self):
        flagged = set(
            self.env["product.category"]
            .sudo()  # sudo: a cashier must know the rule even without reading categories
            .search([("chain_pos_lot_required", "=", True)])
            .ids
        )
        for product in self:
            ancestors = {int(i) for i in (product.categ_id.parent_path or "").split("/") if i}
            product.chain_pos_lot_required = product.tracking != "none" and bool(ancestors & flagged)

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["chain_pos_lot_required", "use_expiration_date"]
