from odoo import api, fields, models


class ChainStore(models.Model):
    _inherit = "chain.store"
    _chain_guarded_fields = {}  # the analytic account is created with the store

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic Account",
        copy=False,
        ondelete="restrict",
        help='Collects the store\'s sales, cost of goods, stock losses and expenses (plan "Stores").',
    )

    @api.model_create_multi
    def create(self, vals_list):
        stores = super().create(vals_list)
        stores._chain_ensure_analytic_account()
        return stores

    def write(self, vals):
        result = super().write(vals)
        if {"name", "code", "company_id"} & set(vals):
            for store in self.filtered("analytic_account_id"):
                # sudo: analytic accounts are the accountants'; a store manager renaming the store renames its account
                store.analytic_account_id.sudo().write(store._chain_prepare_analytic_account_vals())
        return result

    @api.model
    def _chain_analytic_plan(self):
        """The analytic plan "Stores" (created by this addon's data)."""
        return self.env.ref("chain_account_store.account_analytic_plan_stores")

    def _chain_prepare_analytic_account_vals(self):
        self.ensure_one()
        return {
            "name": self.name,
            "code": self.code,
            "plan_id": self._chain_analytic_plan().id,
            "company_id": self.company_id.id,
            "chain_store_id": self.id,
        }

    def _chain_ensure_analytic_account(self):
        """Give each store without one its analytic account in the plan "Stores"."""
        missing = self.filtered(lambda s: not s.analytic_account_id)
        if not missing:
            return
        # sudo: creating a store (HQ) creates its analytic account, which only accountants may create
        accounts = (
            self.env["account.analytic.account"]
            .sudo()
            .create([store._chain_prepare_analytic_account_vals() for store in missing])
        )
        for store, account in zip(missing, accounts, strict=True):
            # sudo: the link is set once here, by the store's creation
            store.sudo().analytic_account_id = account

    def _chain_analytic_distribution(self):
        """The analytic distribution of a document of this store: ``{"<account id>": 100}`` (``{}`` if none)."""
        self.ensure_one()
        self._chain_ensure_analytic_account()
        return {str(self.analytic_account_id.id): 100} if self.analytic_account_id else {}
