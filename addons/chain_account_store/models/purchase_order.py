from odoo import models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"
    _chain_guarded_fields = {}  # no fields added

    def _chain_account_store(self):
        """The store receiving the goods: the one of the warehouse of the order's operation type."""
        self.ensure_one()
        # sudo: the warehouse's store, read to fill the bill's distribution
        warehouse = self.picking_type_id.sudo().warehouse_id
        if not warehouse:
            return self.env["chain.store"]
        return (
            self.env["chain.store"]
            .sudo()
            .with_context(active_test=False)
            .search([("warehouse_id", "=", warehouse.id)], limit=1)
        )

    def _prepare_invoice(self):
        """A vendor bill of the order belongs to the receiving store."""
        vals = super()._prepare_invoice()
        store = self._chain_account_store()
        if store:
            vals["chain_store_id"] = store.id
        return vals
