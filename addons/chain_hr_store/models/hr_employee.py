from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
