# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # a setting of the accountants (access rights of res.company)

    chain_settlement_todo_days = fields.Integer(
        string="Settlement To-do After (days)",
        default=3,
        help="A platform settlement line still unmatched this many days after its import becomes a to-do "
        "for the accountant, with the reason.",
    )
    chain_settlement_payout_days = fields.Integer(
        string="Payout Date Window (days)",
        default=3,
        help="A platform payout matches a bank statement line of the same amount dated at most this many "
        "days after it (or before it) that names its reference.",
    )
    chain_settlement_user_id = fields.Many2one(
        "res.users",
        string="Settlement Accountant",
        help="Who gets the to-dos of unmatched settlement lines (default: the administrator).",
    )
