# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"
    _chain_guarded_fields = {}  # product configuration

    chain_ship_from_dc_only = fields.Boolean(
        string="Channel Orders Ship from the DC",
        help="Online orders with this product are shipped by the distribution centre, never by a store "
        "(bulky or cold-chain goods, say).",
    )
