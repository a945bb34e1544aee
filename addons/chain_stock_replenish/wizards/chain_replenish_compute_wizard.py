from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ChainReplenishComputeWizard(models.TransientModel):
    """Compute the replenishment suggestions of one or more stores."""

    _name = "chain.replenish.compute.wizard"
    _description = "Compute Replenishment Suggestions"
    _chain_guarded_fields = {}  # a wizard: its action checks what it computes

    store_ids = fields.Many2many(
        "chain.store", string="Stores", domain="[('kind', '!=', 'dc')]", default=lambda self: self._default_stores()
    )
    categ_id = fields.Many2one("product.category", string="Product Category", help="Empty: every product.")

    @api.model
    def _default_stores(self):
        store = self.env.user.chain_store_id
        return store if store and store.kind != "dc" else self.env["chain.store"]

    def action_compute(self):
        self.ensure_one()
        if not self.store_ids:
            raise UserError(_("Choose the stores to compute suggestions for."))
        products = None
        if self.categ_id:
            products = self.env["product.product"].search([("categ_id", "child_of", self.categ_id.id)])
            if not products:
                raise UserError(_("Category %s has no product.", self.categ_id.display_name))
        suggestions = self.env["chain.replenish.suggestion"]._chain_compute_suggestions(self.store_ids, products)
        return suggestions._chain_action_view(self.store_ids)
