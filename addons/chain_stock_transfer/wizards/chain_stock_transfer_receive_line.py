from odoo import fields, models


class ChainStockTransferReceiveLine(models.TransientModel):
    _name = "chain.stock.transfer.receive.line"
    _description = "Inter-Store Transfer Receipt Line"
    _chain_guarded_fields = {}  # a count typed in the wizard; the wizard checks and books it

    wizard_id = fields.Many2one("chain.stock.transfer.receive.wizard", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True)
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one("stock.lot", string="Lot Shipped", readonly=True)
    lot_name = fields.Char(string="Lot Received", help="For goods received that were not shipped: the lot on the pack.")
    shipped_qty = fields.Float(string="Shipped", digits="Product Unit of Measure", readonly=True)
    received_qty = fields.Float(string="Received", digits="Product Unit of Measure")
    damaged_qty = fields.Float(string="Of Which Damaged", digits="Product Unit of Measure")
    is_extra = fields.Boolean(string="Not Shipped", default=True, readonly=True)
