from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo, force_create=True):
        result = super()._load(template_code, company, install_demo, force_create=force_create)
        # a company given its chart of accounts (a new company) gets its prepayment accounts
        company._chain_prepaid_setup()
        return result
