from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# what store staff may write directly on a store task; the state changes through the actions only
STORE_FIELDS = {"note"}


class ChainRecallStore(models.Model):
    """A store's part of a recall: clear the shelf, and how much it sold without a known buyer."""

    _name = "chain.recall.store"
    _description = "Recall Store Task"
    _order = "recall_id, store_id"

    recall_id = fields.Many2one("chain.recall", required=True, index=True, ondelete="cascade")
    recall_state = fields.Selection(related="recall_id.state", string="Recall Status")
    product_id = fields.Many2one(related="recall_id.product_id")
    store_id = fields.Many2one("chain.store", required=True, index=True)
    on_hand_qty = fields.Float(string="In Stock", digits="Product Unit of Measure")
    quarantined_qty = fields.Float(string="In Quarantine", digits="Product Unit of Measure")
    sold_qty = fields.Float(string="Sold", digits="Product Unit of Measure")
    anonymous_qty = fields.Float(string="Sold Anonymously", digits="Product Unit of Measure")
    anonymous_order_count = fields.Integer(
        string="Anonymous POS Orders", help="Till sales of the lots without a customer: they cannot be traced."
    )
    customer_count = fields.Integer(compute="_compute_customer_count", string="Customers")
    state = fields.Selection(
        [("todo", "To Clear"), ("cleared", "Shelf Cleared"), ("waived", "Waived")], default="todo", required=True
    )
    cleared_by_id = fields.Many2one("res.users", readonly=True)
    cleared_date = fields.Datetime(readonly=True)
    waive_reason = fields.Char(readonly=True)
    note = fields.Char()

    # The task's progress changes through its actions only; its figures come from the recall's
    # trace (written as superuser).
    _chain_guarded_fields = {
        "state": ("action_confirm_cleared", "_chain_waive"),
        "cleared_by_id": ("action_confirm_cleared",),
        "cleared_date": ("action_confirm_cleared",),
        "waive_reason": ("_chain_waive",),
        **dict.fromkeys(("on_hand_qty", "quarantined_qty", "sold_qty", "anonymous_qty", "anonymous_order_count"), ()),
    }
    _chain_store_field = "store_id"

    _sql_constraints = [("store_unique", "UNIQUE(recall_id, store_id)", "A store appears once in a recall.")]

    @api.depends("recall_id.customer_line_ids.store_id")
    def _compute_customer_count(self):
        groups = self.env["chain.recall.customer"]._read_group(
            [("recall_id", "in", self.recall_id.ids)], ["recall_id", "store_id"], ["__count"]
        )
        counts = {(recall.id, store.id): count for recall, store, count in groups}
        for line in self:
            line.customer_count = counts.get((line.recall_id.id, line.store_id.id), 0)

    def write(self, vals):
        manager = self.env.su or self.env.user.has_group("chain_stock_recall.group_chain_recall_manager")
        if set(vals) - STORE_FIELDS and not manager:
            raise AccessError(_("Store staff may only confirm the shelf clearing of a recall."))
        return super().write(vals)

    def action_confirm_cleared(self):
        """The store confirms its shelves hold none of the recalled lots."""
        for line in self:
            if line.recall_id.state != "launched":
                raise UserError(_("The recall %s is not launched.", line.recall_id.name))
        self.check_access("write")  # staff of the line's store, or a recall manager
        # sudo: the state is not writable directly by store staff (see write), only through this action
        self.sudo().write({"state": "cleared", "cleared_by_id": self.env.uid, "cleared_date": fields.Datetime.now()})
        for line in self:
            line.recall_id.message_post(
                body=_("%(store)s confirmed its shelf is cleared.", store=line.store_id.display_name)
            )
        return True

    def action_waive(self):
        return self.env["chain.recall.waive.wizard"]._open(self)

    def _chain_waive(self, reason):
        """A recall manager waives these store tasks (see chain.recall.waive.wizard)."""
        self.recall_id._check_manager()
        self.write({"state": "waived", "waive_reason": reason})
        return True
