from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"
    _chain_guarded_fields = {}  # the prepaid kind is catalogue configuration, under the product's ACL

    chain_prepaid_kind = fields.Selection(
        [("wallet_topup", "Stored value top-up"), ("deposit", "Formula deposit"), ("service_card", "Service card")],
        string="Prepayment",
        help="A prepayment product is sold into a customer-deposit liability account, not revenue.",
    )
