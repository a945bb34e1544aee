from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainStoreRegion(models.Model):
    _name = "chain.store.region"
    _description = "Store Region"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"
    _chain_guarded_fields = {}  # configuration (HQ), no workflow field

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    complete_name = fields.Char(compute="_compute_complete_name", recursive=True, store=True)
    parent_id = fields.Many2one("chain.store.region", string="Parent Region", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("chain.store.region", "parent_id", string="Sub-regions")
    manager_id = fields.Many2one(
        "res.users",
        string="Region Manager",
        index=True,
        help="Sees and manages every store of this region and of its sub-regions.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    store_ids = fields.One2many("chain.store", "region_id", string="Stores")
    store_count = fields.Integer(compute="_compute_store_count", string="Number of Stores")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A region code must be unique per company."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for region in self:
            if region.parent_id:
                region.complete_name = f"{region.parent_id.complete_name} / {region.name}"
            else:
                region.complete_name = region.name

    def _compute_store_count(self):
        counts = dict(
            self.env["chain.store"]._read_group([("region_id", "child_of", self.ids)], ["region_id"], ["__count"])
        )
        for region in self:
            region.store_count = sum(
                count for sub, count in counts.items() if sub.parent_path.startswith(region.parent_path)
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_("A region cannot be its own parent region."))

    @api.model_create_multi
    def create(self, vals_list):
        regions = super().create(vals_list)
        self.env["res.users"]._chain_access_changed()
        return regions

    def write(self, vals):
        res = super().write(vals)
        if {"manager_id", "parent_id", "active"} & set(vals):
            self.env["res.users"]._chain_access_changed()
        return res

    def action_view_stores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_store.chain_store_action")
        action["domain"] = [("region_id", "child_of", self.id)]
        action["context"] = {"default_region_id": self.id}
        return action
