from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"
    _chain_guarded_fields = {}  # no field added: the sales team follows the employee's store, job and user

    def _chain_sales_team_stores(self):
        # sudo: the stores of employees being changed, whoever may change them
        return self.sudo().chain_store_id

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        employees._chain_sales_team_stores()._chain_sync_sales_team()
        return employees

    def write(self, vals):
        if not {"chain_store_id", "job_id", "user_id", "active"} & set(vals):
            return super().write(vals)
        stores = self._chain_sales_team_stores()
        result = super().write(vals)
        (stores | self._chain_sales_team_stores())._chain_sync_sales_team()
        return result
