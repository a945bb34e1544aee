from odoo import fields, models


class ChainRecallReceipt(models.Model):
    """A supplier receipt of a recalled lot."""

    _name = "chain.recall.receipt"
    _description = "Recall Supplier Receipt"
    _order = "recall_id, date"
    _chain_guarded_fields = {}  # facts written by the recall's trace; recall managers only (access rights)
    _chain_store_field = "store_id"

    recall_id = fields.Many2one("chain.recall", required=True, index=True, ondelete="cascade")
    picking_id = fields.Many2one("stock.picking", string="Receipt")
    partner_id = fields.Many2one("res.partner", string="Supplier")
    store_id = fields.Many2one("chain.store", index=True)
    lot_id = fields.Many2one("stock.lot", required=True)
    quantity = fields.Float(digits="Product Unit of Measure")
    date = fields.Datetime()
