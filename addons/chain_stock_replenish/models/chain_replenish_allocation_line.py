from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .stock_request import CUT_REASONS


class ChainReplenishAllocationLine(models.Model):
    """One store's share of one product in a DC allocation."""

    _name = "chain.replenish.allocation.line"
    _description = "DC Allocation Line"
    _order = "allocation_id, product_id, store_id, id"
    _rec_name = "product_id"
    _chain_guarded_fields = {}  # the allocator edits quantities (its cut reason follows, see write)
    _chain_store_field = "store_id"

    allocation_id = fields.Many2one(
        "chain.replenish.allocation", required=True, index=True, ondelete="cascade", string="Allocation"
    )
    company_id = fields.Many2one(related="allocation_id.company_id", store=True)
    state = fields.Selection(related="allocation_id.state")
    store_id = fields.Many2one(
        "chain.store", string="Store", required=True, index=True, domain="[('kind', '!=', 'dc')]"
    )
    product_id = fields.Many2one("product.product", string="Product", required=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    request_id = fields.Many2one(
        "stock.request", string="Requisition Line", readonly=True, index="btree_not_null", ondelete="set null"
    )
    order_id = fields.Many2one(related="request_id.order_id", string="Requisition")
    requested_qty = fields.Float(string="Requested", digits="Product Unit of Measure", required=True)
    allocated_qty = fields.Float(string="Allocated", digits="Product Unit of Measure")
    cut_reason = fields.Selection(CUT_REASONS, string="Explanation", readonly=True)

    _sql_constraints = [
        ("requested_positive", "CHECK(requested_qty > 0)", "The requested quantity must be positive."),
        ("allocated_positive", "CHECK(allocated_qty >= 0)", "The allocated quantity cannot be negative."),
    ]

    @api.constrains("allocated_qty", "requested_qty")
    def _check_not_more_than_requested(self):
        for line in self:
            if line.allocated_qty > line.requested_qty:
                raise ValidationError(
                    _(
                        "%(store)s asked for %(requested)s of %(product)s: the DC cannot allocate %(allocated)s.",
                        store=line.store_id.name,
                        requested=line.requested_qty,
                        product=line.product_id.display_name,
                        allocated=line.allocated_qty,
                    )
                )

    def write(self, vals):
        if "allocated_qty" in vals and "cut_reason" not in vals:
            # the allocator changed a quantity by hand: the explanation is theirs
            vals = dict(vals, cut_reason="manual")
        return super().write(vals)
