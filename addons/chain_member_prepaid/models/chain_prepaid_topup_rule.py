from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import wallet as wallet_lib


class ChainPrepaidTopupRule(models.Model):
    """A bonus for topping up stored value: "top up 1,000, get 100" (充1000送100).

    A top-up gets the one rule giving the most (rules do not add up) among those
    of its company that are active, valid on the day and open to the store.
    """

    _name = "chain.prepaid.topup.rule"
    _description = "Stored Value Top-up Bonus Rule"
    _order = "sequence, min_amount desc, id"
    _chain_guarded_fields = {}  # configuration by consultants and chain managers, no workflow

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    min_amount = fields.Monetary(string="Minimum Top-up", required=True, help="The top-up must be at least this.")
    bonus_amount = fields.Monetary(string="Bonus Amount", help="A fixed bonus (e.g. 100 for a top-up of 1,000).")
    bonus_percent = fields.Float(string="Bonus %", help="A bonus in percent of the top-up, added to the fixed one.")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="Until")
    store_ids = fields.Many2many("chain.store", string="Stores", help="Empty: every store of the company.")

    _sql_constraints = [
        ("min_amount_positive", "CHECK(min_amount >= 0)", "The minimum top-up cannot be negative."),
        ("bonus_positive", "CHECK(bonus_amount >= 0 AND bonus_percent >= 0)", "A bonus cannot be negative."),
        (
            "dates_ordered",
            "CHECK(date_from IS NULL OR date_to IS NULL OR date_from <= date_to)",
            "The rule ends before it starts.",
        ),
    ]

    @api.constrains("name", "min_amount", "bonus_amount", "bonus_percent")
    def _check_some_bonus(self):
        for rule in self:
            if not rule.bonus_amount and not rule.bonus_percent:
                raise ValidationError(_("The rule %s gives no bonus: set an amount or a percentage.", rule.name))

    @api.model
    def _chain_bonus(self, company, amount, store, day):
        """``(bonus amount, rule)`` a top-up of ``amount`` in ``store`` on ``day`` earns in ``company``."""
        # sudo: the rules are read for any cashier's top-up; they are the company's offer
        rules = self.sudo().search([("company_id", "=", company.id)])
        bonus_fen, rule_id = wallet_lib.topup_bonus(
            wallet_lib.to_fen(amount),
            [
                (
                    rule.id,
                    wallet_lib.to_fen(rule.min_amount),
                    wallet_lib.to_fen(rule.bonus_amount),
                    rule.bonus_percent,
                    rule.date_from,
                    rule.date_to,
                    rule.store_ids.ids,
                )
                for rule in rules
            ],
            store.id,
            day,
        )
        return wallet_lib.to_amount(bonus_fen), self.browse(rule_id)
