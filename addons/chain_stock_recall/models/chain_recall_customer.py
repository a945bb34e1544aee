from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

# what store staff may write directly on a customer task; the state changes through the actions only
CONTACT_FIELDS = {"note"}


class ChainRecallCustomer(models.Model):
    """A traced buyer of a recalled lot, and the contact task that follows."""

    _name = "chain.recall.customer"
    _description = "Recall Customer"
    _order = "recall_id, store_id, partner_id"

    recall_id = fields.Many2one("chain.recall", required=True, index=True, ondelete="cascade")
    recall_state = fields.Selection(related="recall_id.state", string="Recall Status")
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    phone = fields.Char()
    email = fields.Char()
    store_id = fields.Many2one("chain.store", string="Sold By", index=True)
    source = fields.Selection([("pos", "Point of Sale"), ("sale", "Sale / Channel Order")], required=True)
    pos_order_id = fields.Many2one("pos.order", string="POS Order")
    sale_order_id = fields.Many2one("sale.order", string="Sale Order")
    picking_id = fields.Many2one("stock.picking", string="Delivery")
    lot_id = fields.Many2one("stock.lot", string="Lot")
    quantity = fields.Float(digits="Product Unit of Measure")
    date = fields.Datetime(string="Sold On")
    state = fields.Selection(
        [("todo", "To Contact"), ("called", "Called"), ("returned", "Returned"), ("refunded", "Refunded"),
         ("waived", "Waived")],
        default="todo",
        required=True,
    )  # fmt: skip
    waive_reason = fields.Char(readonly=True)
    note = fields.Char()

    # the contact task's progress changes through its actions only
    _chain_guarded_fields = {
        "state": ("_set_contact", "_chain_waive"),
        "waive_reason": ("_chain_waive",),
    }
    _chain_store_field = "store_id"

    def write(self, vals):
        manager = self.env.su or self.env.user.has_group("chain_stock_recall.group_chain_recall_manager")
        if set(vals) - CONTACT_FIELDS and not manager:
            raise AccessError(_("Store staff may only record how a recalled customer was contacted."))
        return super().write(vals)

    def _set_contact(self, state):
        """Record the result of contacting the customers in ``self`` (store staff of their store)."""
        for line in self:
            if line.recall_id.state != "launched":
                raise UserError(_("The recall %s is not launched.", line.recall_id.name))
        self.check_access("write")  # staff of the line's store, or a recall manager
        # sudo: the state is not writable directly by store staff (see write), only through these actions
        self.sudo().write({"state": state})
        for line in self:
            line.recall_id.message_post(
                body=_(
                    "%(customer)s: %(state)s",
                    customer=line.partner_id.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[state],
                )
            )
        return True

    def action_called(self):
        return self._set_contact("called")

    def action_returned(self):
        return self._set_contact("returned")

    def action_refunded(self):
        return self._set_contact("refunded")

    def action_waive(self):
        return self.env["chain.recall.waive.wizard"]._open(self)

    def _chain_waive(self, reason):
        """A recall manager waives these contact tasks (see chain.recall.waive.wizard)."""
        self.recall_id._check_manager()
        self.write({"state": "waived", "waive_reason": reason})
        return True
