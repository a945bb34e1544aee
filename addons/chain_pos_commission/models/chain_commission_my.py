from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

# the month's figures shown to the guide, as chain.commission.statement._chain_my_month gives them
MY_FIGURES = (
    "sales",
    "sales_target",
    "achievement",
    "members_enrolled",
    "members_target",
    "commission",
    "bonus",
    "clawback",
    "total",
)
PAST_MONTHS = 12


class ChainCommissionMy(models.TransientModel):
    """ "My commission" (我的提成): the logged-in guide's own month to date — sales, target
    achievement, commission so far — and their past statements, on one screen usable on a phone.

    The figures are computed when the screen opens, always for the user's own employee: what a
    client sends at create is ignored, so a guide never reads another's figures through it."""

    _name = "chain.commission.my"
    _description = "My Commission"
    _chain_guarded_fields = {}  # a read-only snapshot of the user's own figures, filled by create only

    employee_id = fields.Many2one("hr.employee", string="Employee", readonly=True)
    employee_name = fields.Char(string="Guide", readonly=True)  # shown: a guide reads no hr.employee
    store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    month = fields.Date(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    sales = fields.Monetary(string="Sales This Month", readonly=True)
    sales_target = fields.Monetary(string="Sales Target", readonly=True)
    achievement = fields.Float(string="Target Achieved (%)", digits=(16, 1), readonly=True)
    members_enrolled = fields.Integer(string="Members Enrolled", readonly=True)
    members_target = fields.Integer(string="Members Target", readonly=True)
    commission = fields.Monetary(string="Commission So Far", readonly=True)
    bonus = fields.Monetary(readonly=True)
    clawback = fields.Monetary(readonly=True)
    total = fields.Monetary(string="Earned So Far", readonly=True)
    statement_ids = fields.One2many("chain.commission.my.line", "my_id", string="Past Statements", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        employee = self._chain_my_employee()
        return super().create([self._chain_my_vals(employee) for _vals in vals_list])

    def write(self, vals):
        if vals:
            raise UserError(_("Your commission is computed from your sales: it cannot be edited."))
        return super().write(vals)

    @api.model
    def action_open_my_commission(self):
        """The window action of the user's own "My commission" screen, computed now."""
        return {
            "type": "ir.actions.act_window",
            "name": _("My Commission"),
            "res_model": self._name,
            "res_id": self.create({}).id,
            "views": [[self.env.ref("chain_pos_commission.chain_commission_my_view_form").id, "form"]],
            "target": "current",
        }

    @api.model
    def _chain_my_employee(self):
        """The employee of the logged-in user in the current company; an error if none."""
        # sudo: the user's own employee record (a guide reads only public profiles)
        employee = self.env.user.sudo().employee_id
        if not employee:
            raise UserError(
                _("Your user is not linked to an employee: ask your store manager to link it to see your commission.")
            )
        return employee

    @api.model
    def _chain_my_vals(self, employee):
        """The screen's values for ``employee``: this month live, and their past statements."""
        Statement = self.env["chain.commission.statement"]
        # sudo: the guide's own figures (the compute reads POS lines and statements of the store)
        month = Statement.sudo()._chain_my_month(employee)
        vals = {figure: month.get(figure) or 0 for figure in MY_FIGURES}
        vals["month"] = month.get("month") or fields.Date.context_today(self).replace(day=1)
        if not vals["members_target"]:
            vals["members_target"] = self._chain_my_members_target(employee, vals["month"])
        vals.update(
            employee_id=employee.id,
            employee_name=employee.name,
            store_id=employee.chain_store_id.id,
            currency_id=(employee.company_id or self.env.company).currency_id.id,
            statement_ids=[Command.create(line) for line in self._chain_my_past(employee, vals["month"])],
        )
        return vals

    @api.model
    def _chain_my_members_target(self, employee, month):
        """The members target of ``employee`` for ``month`` (0 without one)."""
        # sudo: the guide's own target
        target = (
            self.env["chain.commission.target"]
            .sudo()
            .search([("employee_id", "=", employee.id), ("month", "=", month)], limit=1)
        )
        return target.members_target

    @api.model
    def _chain_my_past(self, employee, month):
        """The lines of ``employee`` on the statements of the months before ``month``, newest first."""
        # sudo: the guide's own statement lines only (domain on the employee)
        lines = (
            self.env["chain.commission.statement.line"]
            .sudo()
            .search([("employee_id", "=", employee.id), ("month", "<", month)], order="month desc", limit=PAST_MONTHS)
        )
        return [
            {
                "month": line.month,
                "state": line.state,
                "sales": line.sales,
                "achievement": line.achievement,
                "commission": line.commission,
                "bonus": line.bonus,
                "clawback": line.clawback,
                "total": line.total,
            }
            for line in lines
        ]
