from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _chain_access_changed(self):
        """Stores' staff changed: their after-sales teams follow."""
        res = super()._chain_access_changed()
        # sudo: the teams mirror the stores' staff whoever changed them (a store manager hiring)
        self.env["chain.store"].sudo().with_context(active_test=False).search([])._chain_sync_helpdesk_team()
        return res
