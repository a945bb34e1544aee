from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"
    # a read-only SQL view of hr.employee
    _chain_guarded_fields = {}
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    chain_region_id = fields.Many2one("chain.store.region", string="Region", readonly=True)
