from odoo import _, api, fields, models
from odoo.exceptions import UserError

CHAIN_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("done", "Allocated"),
    ("cancel", "Cancelled"),
]


class StockRequestOrder(models.Model):
    """A store's requisition (要货) is an OCA stock request order for the store's warehouse.

    ``state`` stays OCA's fulfilment status, computed from the lines (draft, in progress,
    done, cancelled). ``chain_state`` is the requisition's own workflow, written by users:
    draft -> to approve (when the company approves requisitions) -> approved -> allocated by
    the DC (the lines are confirmed for what the DC ships, the others cancelled) / cancelled.
    Orders of warehouses that belong to no store keep OCA's behaviour.
    """

    _inherit = "stock.request.order"
    # the requisition's workflow moves through its actions (the DC's allocation writes the rest as
    # superuser when it ships); OCA's ``state`` is computed from the lines
    _chain_guarded_fields = {
        "chain_state": ("action_submit", "action_approve", "action_reset_draft", "action_cancel"),
        "chain_approved_by_id": ("action_approve", "action_reset_draft"),
        "chain_origin": (),
        "chain_allocation_id": (),
    }
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store", string="Store", compute="_compute_chain_store_id", store=True, index=True
    )
    chain_state = fields.Selection(
        CHAIN_STATES,
        string="Requisition Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    chain_origin = fields.Selection(
        [("pull", "Store requisition"), ("push", "HQ allocation")],
        string="Origin",
        required=True,
        default="pull",
        copy=False,
        help="Store requisition: the store asked (要货). HQ allocation: headquarters pushed goods to the store (配货).",
    )
    chain_approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    chain_allocation_id = fields.Many2one(
        "chain.replenish.allocation", string="Allocation", readonly=True, copy=False, index="btree_not_null"
    )

    @api.depends("warehouse_id")
    def _compute_chain_store_id(self):
        # sudo: the store of a warehouse is read to classify the order, whoever created it
        stores = self.env["chain.store"].sudo().search([("warehouse_id", "in", self.warehouse_id.ids)])
        by_warehouse = {store.warehouse_id.id: store.id for store in stores}
        for order in self:
            order.chain_store_id = by_warehouse.get(order.warehouse_id.id, False)

    # -- approval -------------------------------------------------------------

    def _chain_approval_required(self):
        """Hook: whether submitted requisitions wait for an approval (the company setting)."""
        self.ensure_one()
        return self.company_id.chain_requisition_approval

    def _chain_check_store_manager(self):
        """Raise AccessError unless the user manages the requisition's store (or its region, or the chain)."""
        self.env["chain.replenish.allocation"]._chain_check_manager(self.chain_store_id)

    def action_submit(self):
        """Submit requisitions to the DC: draft -> to approve, or approved when no approval is needed.

        Each line remembers the quantity asked (``chain_requested_qty``) and goes through the
        store's "resupply from DC" route.
        """
        for order in self:
            if order.chain_state != "draft":
                raise UserError(_("Requisition %s is not a draft.", order.name))
            if not order.chain_store_id:
                raise UserError(_("Requisition %s is not for a store's warehouse.", order.name))
            lines = order.stock_request_ids
            if not lines or any(line.product_uom_qty <= 0 for line in lines):
                raise UserError(_("Requisition %s needs products with a quantity to ask for.", order.name))
            route = order.chain_store_id._chain_replenish_route()
            for line in lines:
                line.write({"chain_requested_qty": line.product_uom_qty, "route_id": route.id})
            order.chain_state = "to_approve" if order._chain_approval_required() else "approved"
        return True

    def action_approve(self):
        for order in self:
            if order.chain_state != "to_approve":
                raise UserError(_("Requisition %s is not waiting for an approval.", order.name))
            order._chain_check_store_manager()
            order.write({"chain_state": "approved", "chain_approved_by_id": self.env.user.id})
        return True

    def action_reset_draft(self):
        for order in self:
            if order.chain_state not in ("to_approve", "approved", "cancel") or any(
                line.state not in ("draft", "cancel") for line in order.stock_request_ids
            ):
                raise UserError(_("Requisition %s has been allocated: it can no longer go back to draft.", order.name))
            order.stock_request_ids.filtered(lambda line: line.state == "cancel").action_draft()
            order.write({"chain_state": "draft", "chain_approved_by_id": False})
        self._chain_withdraw_approvals(_("Withdrawn: the requisition went back to draft."))
        return True

    def action_cancel(self):
        res = super().action_cancel()
        chain_orders = self.filtered("chain_store_id")
        chain_orders.write({"chain_state": "cancel"})
        chain_orders._chain_withdraw_approvals(_("Withdrawn: the requisition was cancelled."))
        return res

    def _chain_withdraw_approvals(self, reason):
        """Cancel the approvals still pending for these requisitions (chain_approval, when installed):
        the requester takes the request back with its document."""
        Request = self.env.get("chain.approval.request")
        if Request is not None and self:
            Request._chain_withdraw(self, reason)

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: ``request`` was cancelled or rejected; a requisition waiting for it goes
        back to draft (to be submitted again), so that it never waits for nobody."""
        for order in self.filtered(lambda o: o.chain_store_id and o.chain_state == "to_approve"):
            order.action_reset_draft()
            order.message_post(body=_("The approval was cancelled or rejected: the requisition is back to draft."))
