from odoo import models


class PosOrder(models.Model):
    """Prepayments on the till's orders (shared: each feature adds its own methods, named after it)."""

    _inherit = "pos.order"
    _chain_guarded_fields = {}
