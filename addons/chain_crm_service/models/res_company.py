from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # the company's case rules: configuration, under the company's ACL

    chain_case_lot_threshold = fields.Integer(
        string="Cases per Lot Alert",
        default=3,
        help="When a lot gets so many cases within 30 days, the quality team gets a to-do on the lot "
        "(once per 30 days), even when no recall is started. 0 turns the alert off.",
    )
