from odoo import fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"
    _chain_guarded_fields = {}  # the store of a till: POS managers configure it (ACL)
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        related="picking_type_id.warehouse_id.chain_store_id",
        store=True,
        index=True,
        help="The store of this point of sale: the store that owns the warehouse of its operation type.",
    )
