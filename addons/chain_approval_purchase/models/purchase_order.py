from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        related="picking_type_id.warehouse_id.chain_store_id",
        store=True,
        index=True,
        help="The store receiving the goods: approval rules test it and send reviews to its managers.",
    )
