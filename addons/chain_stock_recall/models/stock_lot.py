from odoo import _, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"
    _chain_guarded_fields = {}  # a computed count, nothing stored

    chain_recall_count = fields.Integer(
        compute="_compute_chain_recall_count", string="Recalls", groups="chain_store.group_chain_store_user"
    )

    def _compute_chain_recall_count(self):
        groups = self.env["chain.recall"]._read_group([("lot_ids", "in", self.ids)], ["lot_ids"], ["__count"])
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.chain_recall_count = counts.get(lot.id, 0)

    def action_chain_recalls(self):
        """The recalls that name this lot (those of the user's stores for store staff)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Recalls of Lot %s", self.name),
            "res_model": "chain.recall",
            "view_mode": "list,form",
            "domain": [("lot_ids", "in", self.ids)],
            "context": {"default_product_id": self.product_id.id, "default_lot_ids": self.ids},
        }
