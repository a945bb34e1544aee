from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ChainOrderpointCopyWizard(models.TransientModel):
    """Copy the min/max rules of one store to other stores."""

    _name = "chain.orderpoint.copy.wizard"
    _description = "Copy Min/Max from Store to Store"
    _chain_guarded_fields = {}  # a wizard: its action checks the stores it copies to and from

    source_store_id = fields.Many2one("chain.store", string="From Store", required=True)
    dest_store_ids = fields.Many2many("chain.store", string="To Stores", required=True)
    mode = fields.Selection(
        [("keep", "Keep the existing rules"), ("overwrite", "Overwrite the existing rules")],
        required=True,
        default="keep",
        help="Keep: only products without a rule in the target store get one. Overwrite: the target's min and "
        "max of the copied products are replaced.",
    )
    created_count = fields.Integer(readonly=True)
    updated_count = fields.Integer(readonly=True)

    @api.model
    def _prepare_orderpoint_vals(self, source, store):
        """Hook: values of the rule created in ``store`` from the rule ``source``."""
        return {
            "warehouse_id": store.warehouse_id.id,
            "location_id": store.warehouse_id.lot_stock_id.id,
            "company_id": store.company_id.id,
            "product_id": source.product_id.id,
            "product_min_qty": source.product_min_qty,
            "product_max_qty": source.product_max_qty,
            "qty_multiple": source.qty_multiple,
            "trigger": "manual",
        }

    def action_copy(self):
        """Copy the rules; returns the wizard showing how many were created and updated."""
        self.ensure_one()
        dests = self.dest_store_ids - self.source_store_id
        if not dests:
            raise UserError(_("Choose target stores other than %s.", self.source_store_id.display_name))
        if any(not store.warehouse_id for store in self.source_store_id | dests):
            raise UserError(_("Every store of the copy needs a warehouse."))
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        sources = Orderpoint.search([("warehouse_id", "=", self.source_store_id.warehouse_id.id)])
        if not sources:
            raise UserError(_("%s has no min/max rule to copy.", self.source_store_id.display_name))
        existing = Orderpoint.search(
            [("warehouse_id", "in", dests.warehouse_id.ids), ("product_id", "in", sources.product_id.ids)]
        )
        by_key = {(op.warehouse_id.id, op.product_id.id): op for op in existing}
        vals_list, updated = [], 0
        for store in dests:
            for source in sources:
                target = by_key.get((store.warehouse_id.id, source.product_id.id))
                if not target:
                    vals_list.append(self._prepare_orderpoint_vals(source, store))
                elif self.mode == "overwrite":
                    target.write({"product_min_qty": source.product_min_qty, "product_max_qty": source.product_max_qty})
                    updated += 1
        Orderpoint.create(vals_list)
        self.write({"created_count": len(vals_list), "updated_count": updated})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Min/max copied"),
                "message": _(
                    "%(created)s rules created, %(updated)s updated.", created=len(vals_list), updated=updated
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
