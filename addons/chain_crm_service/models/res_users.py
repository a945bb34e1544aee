from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _chain_access_changed(self):
        """Stores' staff or managers changed: their after-sales teams follow (set-based)."""
        res = super()._chain_access_changed()
        self.env["chain.store"]._chain_sync_helpdesk_team_members()
        return res
