from odoo import fields, models


class ChainRecallStock(models.Model):
    """Stock of a recalled lot in one location, as traced."""

    _name = "chain.recall.stock"
    _description = "Recall Stock"
    _order = "recall_id, store_id, location_id"
    _chain_guarded_fields = {}  # facts written by the recall's trace; recall managers only (access rights)
    _chain_store_field = "store_id"

    recall_id = fields.Many2one("chain.recall", required=True, index=True, ondelete="cascade")
    store_id = fields.Many2one("chain.store", index=True)
    location_id = fields.Many2one("stock.location", required=True)
    lot_id = fields.Many2one("stock.lot", required=True)
    quantity = fields.Float(digits="Product Unit of Measure")
    in_quarantine = fields.Boolean()
