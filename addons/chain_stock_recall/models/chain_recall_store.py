from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# what a store user may change on a store task (the rest is the trace's)
STORE_FIELDS = {"state", "cleared_by_id", "cleared_date", "note"}


class ChainRecallStore(models.Model):
    """A store's part of a recall: clear the shelf, and how much it sold without a known buyer."""

    _name = "chain.recall.store"
    _description = "Recall Store Task"
    _order = "recall_id, store_id"

    recall_id = fields.Many2one("chain.recall", required=True, index=True, ondelete="cascade")
    recall_state = fields.Selection(related="recall_id.state", string="Recall Status")
    product_id = fields.Many2one(related="recall_id.product_id")
    store_id = fields.Many2one("chain.store", required=True, index=True)
    on_hand_qty = fields.Float(string="In Stock at Launch", digits="Product Unit of Measure")
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

    _sql_constraints = [("store_unique", "UNIQUE(recall_id, store_id)", "A store appears once in a recall.")]

    @api.depends("recall_id.customer_line_ids.store_id")
    def _compute_customer_count(self):
        for line in self:
            customers = line.recall_id.customer_line_ids
            line.customer_count = len(customers.filtered(lambda c, store=line.store_id: c.store_id == store))

    def write(self, vals):
        manager = self.env.user.has_group("chain_stock_recall.group_chain_recall_manager")
        if set(vals) - STORE_FIELDS and not self.env.su and not manager:
            raise AccessError(_("Store staff may only confirm the shelf clearing of a recall."))
        return super().write(vals)

    def action_confirm_cleared(self):
        """The store confirms its shelves hold none of the recalled lots."""
        for line in self:
            if line.recall_id.state != "launched":
                raise UserError(_("The recall %s is not launched.", line.recall_id.name))
        self.write({"state": "cleared", "cleared_by_id": self.env.uid, "cleared_date": fields.Datetime.now()})
        for line in self:
            line.recall_id.message_post(
                body=_("%(store)s confirmed its shelf is cleared.", store=line.store_id.display_name)
            )
        return True

    def action_waive(self):
        return self.env["chain.recall.waive.wizard"]._open(self)
