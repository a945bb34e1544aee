from odoo import models


class PosSession(models.Model):
    """The till's prepayment features, as RPC methods of its session (shared: each feature adds its own)."""

    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own
