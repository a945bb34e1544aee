from odoo import _, fields, models
from odoo.exceptions import UserError

CUT_REASONS = [
    ("full", "Served in full"),
    ("no_stock", "DC out of stock"),
    ("proportional", "DC short: shared in proportion to the requests"),
    ("priority", "DC short: served by store priority"),
    ("min_first", "DC short: store minimums served first"),
    ("manual", "Set by the DC"),
]


class StockRequest(models.Model):
    _inherit = "stock.request"
    # what the DC allocated, and why less, is written by the allocation as superuser when it ships
    _chain_guarded_fields = {"chain_allocated_qty": (), "chain_cut_reason": ()}
    _chain_store_field = "chain_store_id"

    chain_requested_qty = fields.Float(
        string="Requested",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Quantity the store asked for when it submitted the requisition.",
    )
    chain_allocated_qty = fields.Float(
        string="Allocated",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Quantity the distribution centre ships.",
    )
    chain_cut_reason = fields.Selection(
        CUT_REASONS, string="Allocation", readonly=True, copy=False, help="Why the DC ships less than asked."
    )
    chain_store_id = fields.Many2one(related="order_id.chain_store_id", string="Store", store=True, index=True)

    def _action_confirm(self):
        # A store requisition is confirmed by the DC allocation, once approved, never straight from
        # draft; checked here, on its lines, so that confirming the requisition (OCA's
        # stock.request.order.action_confirm confirms its lines) or one line alone is the same gate.
        pending = self.filtered(lambda request: request.order_id.chain_store_id)
        for order in pending.order_id:
            if order.chain_state not in ("approved", "done"):
                raise UserError(_("Requisition %s must be submitted and approved before the DC ships it.", order.name))
        if pending:
            self.env["chain.replenish.allocation"]._chain_check_allocator()
        return super()._action_confirm()
