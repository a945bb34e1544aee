from odoo import fields, models

from .chain_member_baby import DIAPER_SIZES, FORMULA_STAGES


class ProductTemplate(models.Model):
    _inherit = "product.template"
    _chain_guarded_fields = {}  # catalogue attributes, under the product ACL

    chain_formula_stage = fields.Selection(
        FORMULA_STAGES,
        string="Formula Stage",
        index=True,
        help="The infant formula stage this product is (GB 10765/10766/10767-2021): the member "
        "follow-ups suggest the next stage of the member's usual brand, and a member buying it buys formula.",
    )
    chain_diaper_size = fields.Selection(DIAPER_SIZES, string="Diaper Size")
    chain_brand = fields.Char(
        string="Brand",
        index=True,
        help="The brand as the family knows it (e.g. 飞鹤, 君乐宝): a member's usual formula brand is the "
        "brand of the formula bought most.",
    )
