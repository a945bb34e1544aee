from odoo import api, models


class ChainKingdeeConnection(models.Model):
    _inherit = "chain.kingdee.connection"

    @api.model
    def _chain_demo_map_accounts(self):
        """Map the demo company's accounts to the same codes in the local EAS (the store as auxiliary item)."""
        company = self.env.ref("base.main_company")
        return self.env["chain.kingdee.account.map"]._chain_map_same_codes(company)
