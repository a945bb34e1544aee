from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # the company's member rules: configuration, under the company's ACL

    chain_member_points_rate = fields.Float(
        string="Points per Currency Unit",
        default=1.0,
        help="Points a member earns per unit of a paid POS order's total, before the tier multiplier.",
    )
    chain_member_points_validity = fields.Selection(
        [("end_of_next_year", "End of the following year"), ("months", "A number of months")],
        string="Points Expire",
        default="end_of_next_year",
        required=True,
    )
    chain_member_points_months = fields.Integer(string="Points Valid (Months)", default=24)
    chain_member_allow_negative_points = fields.Boolean(
        string="Allow Negative Points",
        help="A refund of an order whose points were already spent takes the balance below zero; "
        "when not set, such a refund is refused.",
    )
    chain_member_tier_basis = fields.Selection(
        [("spend", "Spend"), ("points", "Growth points")],
        string="Tiers Measure",
        default="spend",
        required=True,
        help="What the tier thresholds count over the last 12 months: the spend (POS and channel orders minus "
        "refunds) or the growth points (成长值: points earned on purchases minus those refunds took back).",
    )
    chain_member_followup_days = fields.Integer(
        string="Follow-up Purchase Window (Days)",
        default=14,
        help="A paid POS order of the member within this many days after a follow-up marks the follow-up purchased.",
    )
