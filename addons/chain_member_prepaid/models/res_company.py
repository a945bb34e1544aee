from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # accounting configuration of the prepayments, under the company's ACL

    def _chain_prepaid_setup(self):
        """Create what the prepayments need in each company (accounts, programs)."""
        return True
