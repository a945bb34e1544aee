from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"
    _chain_guarded_fields = {}  # configuration: written by whoever may edit product categories

    chain_member_points_factor = fields.Float(
        string="Member Points Factor",
        default=1.0,
        help="Member points earned per currency unit of this category's products, as a share of the "
        "company's rate: 1 earns in full, 0.5 at half rate (e.g. infant formula), 0 earns no points.",
    )

    _sql_constraints = [
        (
            "chain_member_points_factor_check",
            "CHECK(chain_member_points_factor >= 0)",
            "The member points factor cannot be negative.",
        ),
    ]
