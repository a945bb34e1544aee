from odoo import fields, models

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
