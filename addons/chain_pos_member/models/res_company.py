from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # configuration of the till's member features, under the company's ACL

    chain_pos_points_per_unit = fields.Integer(
        string="Points per Currency Unit of Discount",
        default=100,
        help="Points a member spends at the till for one unit of discount (100: 100 points = 1 CNY).",
    )
    chain_pos_redeem_product_id = fields.Many2one(
        "product.product",
        string="Points Redemption Product",
        help="The product of the discount line when a member pays with points.",
    )
