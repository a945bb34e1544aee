from odoo import fields, models


class ChainStoreRegion(models.Model):
    _inherit = "chain.store.region"
    _chain_guarded_fields = {}  # configuration: the region's pricelist

    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Region Pricelist",
        help="The pricelist shared by the stores of this region: region price changes write their prices in it.",
    )
