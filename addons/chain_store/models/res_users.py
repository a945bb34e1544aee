from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"
    # store assignment: user admins only (ACL); chain_store_id is checked against the user's stores
    _chain_guarded_fields = {}

    chain_store_ids = fields.Many2many(
        "chain.store",
        "chain_store_res_users_rel",
        "user_id",
        "store_id",
        string="Allowed Stores",
        help="Stores this user works in. Store staff and store managers see the stock, "
        "transfers and point of sale of these stores only.",
    )
    chain_store_id = fields.Many2one(
        "chain.store",
        string="Current Store",
        help="The store proposed by default on the documents this user creates.",
    )
    chain_managed_region_ids = fields.One2many("chain.store.region", "manager_id", string="Managed Regions")
    chain_visible_store_ids = fields.Many2many(
        "chain.store",
        compute="_compute_chain_visible_store_ids",
        compute_sudo=True,
        string="Visible Stores",
        help="Allowed stores, stores managed by the user and, for a region manager, every "
        "store of the regions they manage; every store for a chain manager.",
    )
    chain_warehouse_ids = fields.Many2many(
        "stock.warehouse",
        compute="_compute_chain_visible_store_ids",
        compute_sudo=True,
        string="Visible Store Warehouses",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["chain_store_ids", "chain_store_id"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["chain_store_id"]

    @api.depends("chain_store_ids", "groups_id")
    def _compute_chain_visible_store_ids(self):
        # sudo: this computes what the record rules allow, so it cannot go through them;
        # archived stores stay visible so that their history (orders, moves) remains readable
        Store = self.env["chain.store"].sudo().with_context(active_test=False)
        for user in self:
            user.chain_visible_store_ids = Store.search(user._get_chain_visible_store_domain())
            user.chain_warehouse_ids = user.chain_visible_store_ids.warehouse_id

    def _chain_manages_stores(self, stores, all_of=False):
        """Whether this user manages ``stores``: a chain manager always; a store (or region)
        manager when they see one of them (every one with ``all_of``). Approvals, settlements and
        other manager-only steps of the store documents check it server-side."""
        self.ensure_one()
        if self.has_group("chain_store.group_chain_manager"):
            return True
        if not self.has_group("chain_store.group_chain_store_manager"):
            return False
        visible = self.chain_visible_store_ids
        return stores <= visible if all_of else bool(stores & visible)

    def _get_chain_visible_store_domain(self):
        """Hook: domain on ``chain.store`` of the stores this user sees.

        Record rules of every store document are built on its result, through
        ``chain_visible_store_ids`` and ``chain_warehouse_ids``.
        """
        self.ensure_one()
        if self.has_group("chain_store.group_chain_manager"):
            return [("company_id", "in", self.company_ids.ids)]
        domain = ["|", ("user_ids", "in", self.id), ("manager_id", "=", self.id)]
        if self.has_group("chain_store.group_chain_region_manager"):
            # sudo: same reason as above, regions are read to build the rules themselves
            regions = self.env["chain.store.region"].sudo().search([("manager_id", "=", self.id)])
            if regions:
                domain = ["|", ("region_id", "child_of", regions.ids)] + domain
        return domain

    @api.constrains("chain_store_id", "chain_store_ids")
    def _check_chain_store_id(self):
        for user in self:
            if user.chain_store_id and user.chain_store_id not in user.chain_visible_store_ids:
                raise ValidationError(
                    _(
                        "The current store %(store)s of %(user)s must be one of the user's stores.",
                        store=user.chain_store_id.display_name,
                        user=user.name,
                    )
                )

    @api.model
    def _chain_access_changed(self):
        """Forget every user's visible stores and the record rules built on them.

        Called when a store, a region or a user changes in a way that moves
        records in or out of someone's stores.
        """
        self.env.registry.clear_cache()  # ir.rule domains are cached per user
        self.env["res.users"].invalidate_model(["chain_visible_store_ids", "chain_warehouse_ids"])

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        self._chain_access_changed()
        return users

    def write(self, vals):
        res = super().write(vals)
        if {"chain_store_ids", "groups_id", "company_ids"} & set(vals):
            self._chain_access_changed()
        return res
