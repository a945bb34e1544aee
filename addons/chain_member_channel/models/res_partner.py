from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"
    _chain_guarded_fields = {}  # a reverse link for the contact rules, nothing written

    chain_shipping_sale_order_ids = fields.One2many(
        "sale.order", "partner_shipping_id", string="Orders Delivered Here", readonly=True
    )
