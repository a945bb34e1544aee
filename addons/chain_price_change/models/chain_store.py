from odoo import fields, models


class ChainStore(models.Model):
    _inherit = "chain.store"
    _chain_guarded_fields = {}  # configuration: the store's pricelist

    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Store Pricelist",
        check_company=True,
        tracking=True,
        help="The pricelist of this store's points of sale: store price changes write their prices in it.",
    )
