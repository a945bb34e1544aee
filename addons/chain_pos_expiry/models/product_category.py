from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"
    _chain_guarded_fields = {}  # configuration: its access rights are the guard

    chain_pos_lot_required = fields.Boolean(
        string="Lot Required at the POS",
        help="Every unit of this category (and its sub-categories) sold at a point of sale must carry "
        "its lot: the cashier scans it or picks it, and the order is refused without it.",
    )
