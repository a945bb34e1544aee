# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ChainPayCnAccount(models.Model):
    """The daily statements of an account, and who reconciles them (the statements' part of the
    account, kept beside the statements)."""

    _inherit = "chain.pay.cn.account"
    _chain_guarded_fields = {}  # settings of the account: its managers change them freely

    chain_statement_user_id = fields.Many2one(
        "res.users",
        string="Reconciling Accountant",
        domain=[("share", "=", False)],
        help="Gets a to-do for each difference between the provider's daily bill and the POS. "
        "Empty: the store manager (of the payment's store, else of the account's store).",
    )
    chain_statement_ids = fields.One2many("chain.pay.cn.statement", "account_id", string="Daily Statements")
    chain_statement_count = fields.Integer(compute="_compute_chain_statement_count", string="Statements")

    def _compute_chain_statement_count(self):
        counts = dict(
            self.env["chain.pay.cn.statement"]._read_group(
                [("account_id", "in", self.ids)], ["account_id"], ["__count"]
            )
        )
        for account in self:
            account.chain_statement_count = counts.get(account, 0)

    def action_view_chain_statements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_pos_payment_cn.chain_pay_cn_statement_action")
        action["domain"] = [("account_id", "=", self.id)]
        action["context"] = {"default_account_id": self.id}
        return action
