from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"
    # shipments and receipts of a transfer link their moves (as superuser): what a line shipped
    # and received is read from them
    _chain_guarded_fields = {"chain_transfer_line_id": ()}

    chain_transfer_line_id = fields.Many2one(
        "chain.stock.transfer.line", string="Inter-Store Transfer Line", index="btree_not_null", copy=False
    )
