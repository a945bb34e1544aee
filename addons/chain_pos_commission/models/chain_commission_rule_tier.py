from odoo import fields, models


class ChainCommissionRuleTier(models.Model):
    """A tier of a rule: from this achievement of the employee's monthly sales target, its rate and
    amount replace the rule's."""

    _name = "chain.commission.rule.tier"
    _description = "Commission Rule Tier"
    _order = "rule_id, achievement_from"
    _chain_guarded_fields = {}  # configuration: chain managers only (ACL)

    rule_id = fields.Many2one("chain.commission.rule", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="rule_id.company_id", store=True)
    currency_id = fields.Many2one(related="rule_id.currency_id")
    achievement_from = fields.Float(
        string="From Achievement (%)", required=True, help="Of the employee's monthly sales target, e.g. 100."
    )
    rate = fields.Float(string="Rate (%)", digits=(16, 4))
    amount = fields.Monetary(currency_field="currency_id")

    _sql_constraints = [
        ("achievement_uniq", "UNIQUE(rule_id, achievement_from)", "A rule has one tier per achievement level."),
    ]
