from odoo import fields, models


class ChainCommissionRule(models.Model):
    _inherit = "chain.commission.rule"
    _chain_guarded_fields = {}  # configuration: chain managers only (ACL)

    base = fields.Selection(
        selection_add=[("topup", "Per Stored-Value Top-up"), ("deposit", "Per Formula Deposit")],
        ondelete={"topup": "cascade", "deposit": "cascade"},
    )
