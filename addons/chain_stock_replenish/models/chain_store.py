from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ChainStore(models.Model):
    _inherit = "chain.store"
    _chain_guarded_fields = {}  # the store's replenishment settings: store managers edit them (access rights)

    replenish_dc_id = fields.Many2one(
        "chain.store",
        string="Supplying DC",
        domain="[('kind', '=', 'dc'), ('id', '!=', id)]",
        check_company=True,
        help="The distribution centre this store asks for goods. Empty: the company's first distribution centre.",
    )
    replenish_lead_days = fields.Integer(
        string="Lead Time (days)", default=2, help="Days from the requisition to the goods on the shelf."
    )
    replenish_review_days = fields.Integer(
        string="Review Period (days)", default=7, help="Days until the store's next requisition."
    )
    replenish_safety_days = fields.Integer(
        string="Safety Stock (days)", default=3, help="Extra days of sales kept against forecast errors."
    )
    replenish_priority = fields.Integer(
        string="Allocation Priority",
        default=10,
        help="When the DC is short of a product allocated by store priority, higher priorities are served first.",
    )

    _sql_constraints = [
        (
            "replenish_days_positive",
            "CHECK(replenish_lead_days >= 0 AND replenish_review_days >= 0 AND replenish_safety_days >= 0)",
            "Lead time, review period and safety days cannot be negative.",
        ),
    ]

    @api.constrains("replenish_dc_id")
    def _check_replenish_dc(self):
        for store in self:
            if store.replenish_dc_id and store.replenish_dc_id.kind != "dc":
                raise ValidationError(
                    _("%s is not a distribution centre: a store is supplied by a DC.", store.replenish_dc_id.name)
                )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("replenish_dc_id"):
            for store in self:
                store._chain_replenish_route()
        return res

    def _chain_replenish_dc(self):
        """The distribution centre that supplies this store (its own setting, else the company's first DC)."""
        self.ensure_one()
        if self.replenish_dc_id:
            return self.replenish_dc_id
        # sudo: a store user asks goods from the DC, whose store record they may not read
        return (
            self.sudo()
            .search([("kind", "=", "dc"), ("company_id", "=", self.company_id.id), ("id", "!=", self.id)], limit=1)
            .sudo(False)
        )

    def _chain_replenish_route(self):
        """The "resupply from DC" route of this store, created when missing.

        Ticking the DC in the store warehouse's *Resupply From* makes Odoo create the route
        whose rules move goods DC stock -> inter-warehouse transit -> store stock.

        :raises UserError: when the store has no warehouse or no DC supplies it
        """
        self.ensure_one()
        dc = self._chain_replenish_dc()
        # sudo: routes and the warehouses' resupply setting are stock configuration that store users
        # may neither read (the DC warehouse) nor write; this only links the store to its DC
        store = self.sudo()
        dc = dc.sudo()
        if not store.warehouse_id or not dc.warehouse_id:
            raise UserError(_("Store %s has no distribution centre with a warehouse to ask goods from.", self.name))
        Route = self.env["stock.route"].sudo()
        domain = [("supplied_wh_id", "=", store.warehouse_id.id), ("supplier_wh_id", "=", dc.warehouse_id.id)]
        route = Route.search(domain, limit=1)
        if not route:
            store.warehouse_id.write({"resupply_wh_ids": [Command.link(dc.warehouse_id.id)]})
            route = Route.search(domain, limit=1)
        return route.sudo(False)

    def action_chain_compute_suggestions(self):
        """Compute the replenishment suggestions of these stores and show them."""
        suggestions = self.env["chain.replenish.suggestion"]._chain_compute_suggestions(self)
        return suggestions._chain_action_view(self)
