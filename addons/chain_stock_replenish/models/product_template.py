from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"
    _chain_guarded_fields = {}  # configuration: its access rights are the guard

    chain_allocation_rule = fields.Selection(
        [
            ("proportional", "In proportion to the requests"),
            ("priority", "By store priority"),
            ("min_first", "Store minimums first"),
        ],
        string="Shortage Allocation",
        required=True,
        default="proportional",
        help="How the distribution centre shares this product among the stores when it has less than they ask.",
    )
