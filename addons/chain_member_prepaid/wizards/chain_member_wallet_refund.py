from odoo import api, fields, models


class ChainMemberWalletRefund(models.TransientModel):
    """Pay a member's stored value back (store managers): the principal only, the bonus is forfeited."""

    _name = "chain.member.wallet.refund"
    _description = "Pay Stored Value Back"
    _chain_guarded_fields = {}  # a wizard: the refund is made by chain.member.action_chain_wallet_refund

    member_id = fields.Many2one("chain.member", required=True, readonly=True)
    currency_id = fields.Many2one(related="member_id.wallet_currency_id")
    principal = fields.Monetary(related="member_id.wallet_principal", string="Principal")
    bonus = fields.Monetary(related="member_id.wallet_bonus", string="Bonus (forfeited)")
    amount = fields.Monetary(string="Amount Paid Back", required=True)
    store_id = fields.Many2one(
        "chain.store", string="Store", required=True, default=lambda self: self.env.user.chain_store_id
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Paid From",
        required=True,
        domain="[('type', 'in', ('cash', 'bank')), ('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(related="member_id.company_id")
    note = fields.Char(string="Reason")

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        member = self.env["chain.member"].browse(vals.get("member_id") or self.env.context.get("active_id"))
        if member:
            vals["member_id"] = member.id
            if "amount" in fields_list:
                vals["amount"] = member.sudo().wallet_principal  # sudo: the member's own balance, shown
        return vals

    def action_confirm(self):
        self.ensure_one()
        self.member_id.action_chain_wallet_refund(self.amount, self.journal_id, self.store_id, self.note)
        return {"type": "ir.actions.act_window_close"}
