from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # a setting of the company

    chain_price_change_approval = fields.Boolean(
        string="Approve Price Changes",
        default=True,
        help="Submitted price changes wait for a manager's approval before they apply.",
    )
