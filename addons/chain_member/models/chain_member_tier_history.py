from odoo import fields, models


class ChainMemberTierHistory(models.Model):
    """One tier change of a member, written by the nightly tier review."""

    _name = "chain.member.tier.history"
    _description = "Member Tier Change"
    _order = "date desc, id desc"
    _chain_store_field = "member_id.home_store_id"
    # written only by the tier review (as superuser): no role has write access to it (ACL)
    _chain_guarded_fields = {}

    member_id = fields.Many2one("chain.member", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    old_tier_id = fields.Many2one("chain.member.tier", string="From Tier", ondelete="restrict")
    new_tier_id = fields.Many2one("chain.member.tier", string="To Tier", ondelete="restrict")
    spend = fields.Monetary(string="Spend (12 Months)", currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Char(help="What caused the change when not the nightly review, e.g. the purchase.")
