from odoo import fields, models


class ChainMemberDepositPickup(models.Model):
    """Units of a deposit picked up in a store (written by the server when the till's order is paid).

    The units leave the pickup store's stock with the order's picking, and the revenue and
    cost are the order's: the pickup only records the entitlement used.
    """

    _name = "chain.member.deposit.pickup"
    _description = "Formula Deposit Pickup"
    _order = "date desc, id desc"
    _chain_store_field = "store_id"
    _chain_guarded_fields = {}  # no workflow: written once by the server, never changed (no write ACL)

    deposit_id = fields.Many2one("chain.member.deposit", required=True, readonly=True, index=True, ondelete="cascade")
    member_id = fields.Many2one(related="deposit_id.member_id", store=True)
    product_id = fields.Many2one(related="deposit_id.product_id", store=True)
    company_id = fields.Many2one(related="deposit_id.company_id", store=True)
    currency_id = fields.Many2one(related="deposit_id.currency_id")
    qty = fields.Float(required=True, readonly=True, digits="Product Unit of Measure")
    amount = fields.Monetary(readonly=True, help="Units x the deposit's unit price: the liability used.")
    store_id = fields.Many2one("chain.store", string="Pickup Store", required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    pos_order_id = fields.Many2one("pos.order", string="POS Order", readonly=True, index="btree_not_null")
    pos_order_line_id = fields.Many2one("pos.order.line", string="POS Order Line", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Lot", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Employee", readonly=True)

    _sql_constraints = [
        ("qty_positive", "CHECK(qty > 0)", "A pickup takes at least one unit."),
        ("line_unique", "UNIQUE(pos_order_line_id)", "A POS order line records one pickup."),
    ]
