from odoo import fields, models


class AccountAnalyticAccount(models.Model):
    _inherit = "account.analytic.account"
    _chain_guarded_fields = {}  # the store link is set by chain.store._chain_ensure_analytic_account
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index="btree_not_null",
        ondelete="set null",
        help="The store (or distribution centre) whose income and costs this analytic account collects.",
    )
