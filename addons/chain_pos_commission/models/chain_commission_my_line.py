from odoo import fields, models


class ChainCommissionMyLine(models.TransientModel):
    """One past month of the guide's "My commission" screen: a copy of their statement line."""

    _name = "chain.commission.my.line"
    _description = "My Commission: Past Statement"
    _order = "month desc, id"
    _chain_guarded_fields = {}  # a read-only copy made by chain.commission.my's create

    my_id = fields.Many2one("chain.commission.my", required=True, ondelete="cascade", index=True)
    currency_id = fields.Many2one(related="my_id.currency_id")
    month = fields.Date(readonly=True)
    state = fields.Selection([("draft", "Draft"), ("to_review", "To Review"), ("approved", "Approved")], readonly=True)
    sales = fields.Monetary(readonly=True)
    achievement = fields.Float(string="Achievement (%)", digits=(16, 1), readonly=True)
    commission = fields.Monetary(readonly=True)
    bonus = fields.Monetary(readonly=True)
    clawback = fields.Monetary(readonly=True)
    total = fields.Monetary(readonly=True)
