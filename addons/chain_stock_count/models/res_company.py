from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # a setting of the company

    chain_count_approval = fields.Boolean(
        string="Approve Stock Counts",
        default=True,
        help="Submitted counts wait for a store manager's approval (a separate step before the variance is "
        "applied). Off, a submitted count is approved at once and the manager's Apply is the only review.",
    )
    chain_count_recount_qty = fields.Float(
        string="Recount above (units)",
        default=2.0,
        digits="Product Unit of Measure",
        help="A counted line whose variance exceeds this many units must be recounted (0: not used).",
    )
    chain_count_recount_percent = fields.Float(
        string="Recount above (%)",
        help="A counted line whose variance exceeds this share of the expected quantity must be recounted "
        "(0: not used).",
    )
    chain_count_recount_value = fields.Monetary(
        string="Recount above (value)",
        default=200.0,
        currency_field="currency_id",
        help="A counted line whose variance is worth more than this (at cost) must be recounted (0: not used).",
    )
