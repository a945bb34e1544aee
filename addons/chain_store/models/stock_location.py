from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"
    _chain_guarded_fields = {}  # configuration: stock managers only (ACL)

    # Store record rules and the per-warehouse quantity domain filter on it.
    warehouse_id = fields.Many2one(index=True)
