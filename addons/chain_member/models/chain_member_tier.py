from odoo import api, fields, models


class ChainMemberTier(models.Model):
    """A member level (会员等级), configured without code by the chain manager."""

    _name = "chain.member.tier"
    _description = "Member Tier"
    _order = "sequence, threshold, id"
    _chain_guarded_fields = {}  # configuration: only chain managers may write it (ACL)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="The company's currency when the tiers measure the spend; none (plain numbers) for growth points.",
    )
    threshold = fields.Monetary(
        string="Threshold",
        currency_field="currency_id",
        help="Spend of the last 12 months (POS and channel orders minus refunds), or growth points when the "
        "company's tiers measure them, from which a member reaches this tier.",
    )
    keep_threshold = fields.Monetary(
        string="Keep Level From",
        currency_field="currency_id",
        help="A member keeps this tier while the spend (or growth points) of the last 12 months stays at or "
        "above this amount (保级); below it, the member goes down to the tier the spend reaches.",
    )
    points_multiplier = fields.Float(string="Points Multiplier", default=1.0)
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Pricelist",
        help="Given to the contact of the members of this tier (the POS applies it when the till offers it); "
        "a member leaving the tier gets the default pricelist back.",
    )

    _sql_constraints = [
        (
            "keep_threshold_check",
            "CHECK(keep_threshold <= threshold)",
            "A tier is kept from an amount at most its threshold.",
        ),
        ("multiplier_check", "CHECK(points_multiplier >= 0)", "The points multiplier cannot be negative."),
    ]

    @api.depends("company_id.currency_id", "company_id.chain_member_tier_basis")
    def _compute_currency_id(self):
        for tier in self:
            spend = tier.company_id.chain_member_tier_basis != "points"
            tier.currency_id = tier.company_id.currency_id if spend else False
