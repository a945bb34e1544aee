from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainCommissionTarget(models.Model):
    """A monthly target (月度目标) of a store, or of one employee of it: sales, members enrolled,
    formula share. Entered in an editable grid or imported; commission tiers read the employee's
    sales target."""

    _name = "chain.commission.target"
    _description = "Monthly Target"
    _order = "month desc, store_id, employee_id"
    _chain_guarded_fields = {}  # figures a manager types or imports; store rules limit whose
    _chain_store_field = "store_id"

    month = fields.Date(required=True, index=True, help="The first day of the month.")
    store_id = fields.Many2one("chain.store", string="Store", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="store_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee", string="Employee", index="btree_not_null", help="Empty: the store's own target."
    )
    sales_target = fields.Monetary(string="Sales Target", currency_field="currency_id")
    members_target = fields.Integer(string="Members Target")
    formula_share_target = fields.Float(string="Formula Share Target (%)")

    _sql_constraints = [
        (
            "month_store_employee_uniq",
            "UNIQUE NULLS NOT DISTINCT(month, store_id, employee_id)",
            "There is already a target for this month, store and employee.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().write(vals)

    @api.constrains("store_id", "employee_id")
    def _check_employee_store(self):
        for target in self.filtered("employee_id"):
            # sudo: the store of an employee, read for the check only
            if target.employee_id.sudo().chain_store_id != target.store_id:
                raise ValidationError(
                    _("%(employee)s is not an employee of %(store)s.",
                      employee=target.employee_id.name, store=target.store_id.display_name)
                )  # fmt: skip

    @api.depends("month", "store_id", "employee_id")
    def _compute_display_name(self):
        for target in self:
            month = target.month.strftime("%Y-%m") if target.month else ""
            target.display_name = " ".join(filter(None, [target.store_id.code or target.store_id.name, month,
                                                         target.employee_id.name]))  # fmt: skip
