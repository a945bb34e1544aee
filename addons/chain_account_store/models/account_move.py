from odoo import api, fields, models

# Account internal groups whose lines take the store's distribution when they have none.
STORE_DISTRIBUTED_GROUPS = ("income", "expense")


class AccountMove(models.Model):
    _inherit = "account.move"
    _chain_guarded_fields = {}  # the store of an entry is the accountants' to choose (ACL)
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index="btree_not_null",
        default=lambda self: self._default_chain_store_id(),
        tracking=True,
        help="The store whose P&L this entry belongs to: its income and expense lines without an "
        "analytic distribution take the store's when posted.",
    )

    @api.model
    def _default_chain_store_id(self):
        """The user's store when they work in exactly one."""
        # sudo: the user's own store assignment (portal or public flows may create entries too)
        stores = self.env.user.sudo().chain_store_ids
        if len(stores) == 1:
            return stores.sudo(False)
        return self.env["chain.store"]

    def _chain_fill_store_distribution(self):
        """Income and expense lines without an analytic distribution take the store's."""
        for move in self.filtered("chain_store_id"):
            # sudo: the store's analytic account may be created here (accountants post)
            distribution = move.chain_store_id.sudo()._chain_analytic_distribution()
            if not distribution:
                continue
            lines = move.line_ids.filtered(
                lambda line: (
                    not line.analytic_distribution
                    and line.display_type in ("product", "cogs", "rounding", "discount", False)
                    and line.account_id.internal_group in STORE_DISTRIBUTED_GROUPS
                )
            )
            if lines:
                lines.analytic_distribution = distribution

    def _post(self, soft=True):
        self._chain_fill_store_distribution()
        posted = super()._post(soft=soft)
        # lines added while posting (cost of goods of an invoice) take the store's too
        posted._chain_fill_store_distribution()
        return posted
