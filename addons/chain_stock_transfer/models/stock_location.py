from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    chain_transfer_transit = fields.Boolean(
        string="Inter-Store Transit",
        readonly=True,
        help="Goods shipped by one store and not yet received by another wait here.",
    )
