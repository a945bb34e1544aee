from odoo import models


class PosOrder(models.Model):
    _inherit = "pos.order"
    _chain_guarded_fields = {}  # no fields added

    def _prepare_invoice_vals(self):
        """The invoice of a POS order belongs to the till's store."""
        vals = super()._prepare_invoice_vals()
        store = self.config_id.chain_store_id
        if store:
            vals["chain_store_id"] = store.id
        return vals
