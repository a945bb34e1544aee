from odoo import models


class ChainMember(models.Model):
    """A member's prepayments (shared: each feature adds its own fields and methods)."""

    _inherit = "chain.member"
    _chain_guarded_fields = {}
