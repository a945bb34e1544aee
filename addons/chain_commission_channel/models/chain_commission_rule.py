from odoo import fields, models


class ChainCommissionRule(models.Model):
    _inherit = "chain.commission.rule"
    _chain_guarded_fields = {}  # configuration: chain managers only (ACL)

    base = fields.Selection(
        selection_add=[("channel", "Channel Orders of the Guide's Members")],
        ondelete={"channel": "cascade"},
    )
