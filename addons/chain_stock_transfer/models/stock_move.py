from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    chain_transfer_line_id = fields.Many2one(
        "chain.stock.transfer.line", string="Inter-Store Transfer Line", index="btree_not_null", copy=False
    )
