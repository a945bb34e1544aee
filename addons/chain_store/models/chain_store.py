from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib.codes import warehouse_code

# Fields of a store that decide which records its users see (record rules
# read them through ``res.users.chain_warehouse_ids``).
ACCESS_FIELDS = {"warehouse_id", "manager_id", "user_ids", "region_id", "company_id", "active"}
# What a store manager may edit on their own store's sheet (its address, its staff);
# the rest (code, kind, region, manager, warehouse, company) is the chain's configuration.
STORE_MANAGER_FIELDS = {
    "name", "street", "street2", "city", "state_id", "zip", "country_id", "phone",
    "opening_date", "floor_area", "tag_ids", "color", "user_ids",
}  # fmt: skip


class ChainStore(models.Model):
    _name = "chain.store"
    _description = "Store"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, code, id"
    _rec_names_search = ["name", "code"]
    _chain_guarded_fields = {"state": ("action_open", "action_suspend", "action_close", "action_reset_preparing")}
    _chain_store_field = "id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, index=True, tracking=True, copy=False)
    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("store", "Store"),
            ("dc", "Distribution centre"),
            ("online", "Online fulfilment"),
        ],
        required=True,
        default="store",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("preparing", "Preparing"),
            ("open", "Open"),
            ("suspended", "Suspended"),
            ("closed", "Closed"),
        ],
        required=True,
        default="preparing",
        tracking=True,
        index=True,
    )
    region_id = fields.Many2one("chain.store.region", index=True, tracking=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        index=True,
        copy=False,
        ondelete="restrict",
        check_company=True,
        help="The store's own warehouse. Left empty, one is created with the store.",
    )
    pos_config_ids = fields.One2many("pos.config", "chain_store_id", string="Points of Sale")
    pos_config_count = fields.Integer(compute="_compute_pos_config_count", string="Number of POS")
    manager_id = fields.Many2one("res.users", string="Store Manager", index=True, tracking=True)
    user_ids = fields.Many2many(
        "res.users",
        "chain_store_res_users_rel",
        "store_id",
        "user_id",
        string="Staff",
        help="Users allowed to work in this store. The store manager is always one of them.",
    )
    partner_id = fields.Many2one("res.partner", string="Address", copy=False, ondelete="restrict", check_company=True)
    street = fields.Char(related="partner_id.street", readonly=False)
    street2 = fields.Char(related="partner_id.street2", readonly=False)
    city = fields.Char(related="partner_id.city", readonly=False)
    state_id = fields.Many2one(related="partner_id.state_id", readonly=False, string="Province")
    zip = fields.Char(related="partner_id.zip", readonly=False)
    country_id = fields.Many2one(related="partner_id.country_id", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    opening_date = fields.Date()
    floor_area = fields.Float(string="Floor Area (m²)", digits=(12, 1))
    tag_ids = fields.Many2many("chain.store.tag", string="Tags")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A store code must be unique per company."),
        ("warehouse_uniq", "unique(warehouse_id)", "A warehouse belongs to at most one store."),
        ("floor_area_positive", "CHECK(floor_area >= 0)", "The floor area cannot be negative."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for store in self:
            store.display_name = f"[{store.code}] {store.name}" if store.code else store.name

    def _compute_pos_config_count(self):
        counts = dict(
            self.env["pos.config"]._read_group([("chain_store_id", "in", self.ids)], ["chain_store_id"], ["__count"])
        )
        for store in self:
            store.pos_config_count = counts.get(store, 0)

    @api.constrains("warehouse_id", "company_id")
    def _check_warehouse_company(self):
        for store in self:
            if store.warehouse_id and store.warehouse_id.company_id != store.company_id:
                raise ValidationError(
                    _(
                        "The warehouse %(warehouse)s of store %(store)s belongs to another company.",
                        warehouse=store.warehouse_id.display_name,
                        store=store.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Creation: every store gets an address and its own warehouse
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("manager_id"):
                vals["user_ids"] = list(vals.get("user_ids") or []) + [fields.Command.link(vals["manager_id"])]
            if not vals.get("partner_id"):
                vals["partner_id"] = self.env["res.partner"].create(self._prepare_partner_vals(vals)).id
        stores = super().create(vals_list)
        for store in stores.filtered(lambda s: not s.warehouse_id):
            store.warehouse_id = self.env["stock.warehouse"].create(store._prepare_warehouse_vals())
        self.env["res.users"]._chain_access_changed()
        return stores

    @api.model
    def _prepare_partner_vals(self, vals):
        """Hook: values of the address partner created with a store."""
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        return {
            "name": vals.get("name"),
            "company_id": company.id,
            "type": "other",
            "is_company": True,
        }

    def _prepare_warehouse_vals(self):
        """Hook: values of the warehouse created with a store."""
        self.ensure_one()
        Warehouse = self.env["stock.warehouse"].with_context(active_test=False)
        taken = Warehouse.search([("company_id", "=", self.company_id.id)])
        name = self.name
        if name in taken.mapped("name"):
            name = f"{self.name} ({self.code})"
        return {
            "name": name,
            "code": warehouse_code(self.code, taken.mapped("code")),
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
        }

    def write(self, vals):
        self._check_chain_config_write(vals)
        if vals.get("manager_id"):
            vals["user_ids"] = list(vals.get("user_ids") or []) + [fields.Command.link(vals["manager_id"])]
        res = super().write(vals)
        if ACCESS_FIELDS & set(vals):
            self.env["res.users"]._chain_access_changed()
        return res

    def _check_chain_config_write(self, vals):
        """Store managers edit their store's sheet and staff, not the chain's configuration."""
        if self.env.su or self.env.user.has_group("chain_store.group_chain_manager"):
            return
        if not self.env.user.has_group("stock.group_stock_manager"):
            config = sorted(set(vals) - STORE_MANAGER_FIELDS - {"state"})
            if config:
                labels = ", ".join(self._fields[f]._description_string(self.env) for f in config if f in self._fields)
                raise AccessError(_("Only the chain manager (HQ) can change %s of a store.", labels))

    def unlink(self):
        self.env["res.users"]._chain_access_changed()
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_open(self):
        if any(store.state == "open" for store in self):
            raise UserError(_("An open store cannot be deleted: close or archive it first."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open(self):
        """Open (or reopen after a suspension) a store: its manager's or HQ's decision.

        A closed store is reopened only through *Back to Preparing* (HQ).
        """
        self._check_chain_state_change({"preparing", "suspended"}, _("Open"))
        self.write({"state": "open"})

    def action_suspend(self):
        self._check_chain_state_change({"open"}, _("Suspend"))
        self.write({"state": "suspended"})

    def action_close(self):
        """Close a store for good: HQ only."""
        self._check_chain_state_change({"preparing", "open", "suspended"}, _("Close"), hq=True)
        self.write({"state": "closed"})

    def action_reset_preparing(self):
        self._check_chain_state_change({"closed"}, _("Back to Preparing"), hq=True)
        self.write({"state": "preparing"})

    def _check_chain_state_change(self, states_from, action, hq=False):
        """Refuse ``action`` on a store outside ``states_from``, or to a non-HQ user when ``hq``."""
        if hq and not (self.env.su or self.env.user.has_group("chain_store.group_chain_manager")):
            raise AccessError(_("Only the chain manager (HQ) can do this: %s.", action))
        self.check_access("write")
        wrong = self.filtered(lambda store: store.state not in states_from)
        if wrong:
            raise UserError(
                _(
                    "%(action)s is not possible for %(stores)s in its current status.",
                    action=action,
                    stores=", ".join(wrong.mapped("display_name")),
                )
            )

    def action_view_stock(self):
        self.ensure_one()
        Quant = self.env["stock.quant"].with_context(search_default_internal_loc=1, search_default_productgroup=1)
        action = Quant._get_quants_action(
            domain=[("location_id", "child_of", self.warehouse_id.view_location_id.id)], extend=True
        )
        action["name"] = _("Stock of %s", self.display_name)
        return action

    def action_view_pos_configs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("point_of_sale.action_pos_config_kanban")
        action["domain"] = [("chain_store_id", "=", self.id)]
        return action

    def action_view_pos_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("point_of_sale.action_pos_pos_form")
        action["domain"] = [("config_id.chain_store_id", "=", self.id)]
        action["context"] = {}
        return action
