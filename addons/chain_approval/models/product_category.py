from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"
    _chain_guarded_fields = {}  # configuration: the buyer is set by whoever manages categories

    chain_buyer_id = fields.Many2one(
        "res.users",
        string="Buyer",
        help="Reviews documents of this category when a tier asks for the category's buyer.",
    )
