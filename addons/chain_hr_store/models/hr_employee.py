from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class HrEmployee(models.Model):
    _inherit = "hr.employee"
    # the store is an assignment HR and store managers edit, not a workflow state
    _chain_guarded_fields = {}
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="The store the employee works in. Empty: headquarters.",
    )
    chain_region_id = fields.Many2one(
        related="chain_store_id.region_id", string="Region", store=True, index=True, readonly=True
    )

    @api.constrains("chain_store_id", "company_id")
    def _check_chain_store_company(self):
        for employee in self:
            store = employee.chain_store_id
            if store and store.company_id != employee.company_id:
                raise ValidationError(
                    _(
                        "Employee %(employee)s belongs to company %(company)s and cannot work in store "
                        "%(store)s of another company.",
                        employee=employee.name,
                        company=employee.company_id.name,
                        store=store.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._chain_store_restricted():
            return super().create(vals_list)
        # a store manager hiring into their store: their rights are checked here, then the
        # employee is created as Odoo's HR would (its resource, its work contact and, with
        # hr_skills, a first resume line the store manager may not write themselves)
        self.check_access("create")
        self.check_field_access_rights("write", list({name for vals in vals_list for name in vals}))
        for vals in vals_list:
            self._chain_check_store_assignment(vals.get("chain_store_id"))
        # a client's context may carry defaults of private fields (``default_pin``): dropped
        readable = set(self.fields_get(attributes=["type"]))
        context = {
            key: value
            for key, value in self.env.context.items()
            if not key.startswith("default_") or key[len("default_") :] in readable
        }
        # sudo: rights, fields and store checked just above for this store manager
        employees = super(HrEmployee, self.with_env(self.env(context=context, su=True))).create(vals_list).sudo(False)
        employees.check_access("read")
        return employees

    def write(self, vals):
        if "chain_store_id" in vals:
            self._chain_check_store_assignment(vals["chain_store_id"])
        return super().write(vals)

    def _chain_store_restricted(self):
        """Whether the current user assigns employees only within their own stores (a store or
        region manager who is neither HR officer nor chain manager)."""
        user = self.env.user
        return not (
            self.env.su or user.has_group("hr.group_hr_user") or user.has_group("chain_store.group_chain_manager")
        )

    def _chain_check_store_assignment(self, store_id):
        """A store manager hires into and moves staff between their own stores only."""
        if not self._chain_store_restricted():
            return
        visible = self.env.user.chain_visible_store_ids
        if not store_id or store_id not in visible.ids:
            raise AccessError(
                _("You can only assign employees to a store you manage. Ask HR to move an employee elsewhere.")
            )
