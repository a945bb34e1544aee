from odoo import api, fields, models


class ChainMemberWalletLine(models.Model):
    """One row of a member's stored-value ledger (储值明细): the truth of her balance.

    ``principal`` is money she paid (a customer deposit, on the stored-value
    liability account); ``bonus`` was given with her top-ups (no liability: a
    discount when used). The balance is the sum of the rows; the member's
    stored fields and her eWallet card mirror it. Rows are written only by the
    member's stored-value methods (as superuser): no role may create or write them.
    """

    _name = "chain.member.wallet.line"
    _description = "Member Stored Value Ledger Line"
    _order = "date desc, id desc"
    _chain_store_field = "store_id"
    # the ledger changes only through chain.member's stored-value methods, run as superuser
    _chain_guarded_fields = dict.fromkeys(
        ("member_id", "store_id", "kind", "date", "principal", "bonus", "pos_order_id", "move_id", "rule_id"),
        (),
    )

    member_id = fields.Many2one("chain.member", required=True, ondelete="restrict", index=True, readonly=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    store_id = fields.Many2one("chain.store", string="Store", required=True, index=True, readonly=True)
    kind = fields.Selection(
        [
            ("topup", "Top-up"),
            ("bonus", "Bonus"),
            ("use", "Payment"),
            ("refund", "Refund"),
            ("adjust", "Adjustment"),
        ],
        required=True,
        readonly=True,
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today, index=True)
    principal = fields.Monetary(readonly=True, help="Change of the principal (paid by the member).")
    bonus = fields.Monetary(readonly=True, help="Change of the bonus (given with top-ups).")
    amount = fields.Monetary(compute="_compute_amount", store=True, help="Principal and bonus together.")
    pos_order_id = fields.Many2one("pos.order", string="POS Order", readonly=True, index="btree_not_null")
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, index="btree_not_null")
    rule_id = fields.Many2one("chain.prepaid.topup.rule", string="Bonus Rule", readonly=True)
    note = fields.Char(readonly=True)

    @api.depends("principal", "bonus")
    def _compute_amount(self):
        for line in self:
            line.amount = line.principal + line.bonus
