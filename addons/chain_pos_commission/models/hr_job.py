from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"
    _chain_guarded_fields = {}  # a job setting, under the HR ACL

    chain_commission_eligible = fields.Boolean(
        string="Earns Commission",
        help="Guides (导购) and baby advisors earn commission on the POS lines they are the guide of; "
        "the lines of other jobs (cashiers) earn nothing.",
    )
