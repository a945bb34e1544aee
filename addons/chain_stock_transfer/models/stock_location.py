from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"
    # the shared transit location is made by the company's own code (as superuser), never by hand
    _chain_guarded_fields = {"chain_transfer_transit": ()}

    chain_transfer_transit = fields.Boolean(
        string="Inter-Store Transit",
        readonly=True,
        help="Goods shipped by one store and not yet received by another wait here.",
    )
