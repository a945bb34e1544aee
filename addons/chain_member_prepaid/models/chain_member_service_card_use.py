from odoo import fields, models


class ChainMemberServiceCardUse(models.Model):
    """A use of a service card at the till, with the employee who served (for the commission)."""

    _name = "chain.member.service.card.use"
    _description = "Service Card Use"
    _order = "date desc, id desc"
    _chain_store_field = "store_id"
    _chain_guarded_fields = {}  # no workflow: written once by the server, never changed (no write ACL)

    card_id = fields.Many2one("chain.member.service.card", required=True, readonly=True, index=True, ondelete="cascade")
    member_id = fields.Many2one(related="card_id.member_id", store=True)
    service_product_id = fields.Many2one(related="card_id.service_product_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    currency_id = fields.Many2one(related="card_id.currency_id")
    uses = fields.Integer(required=True, readonly=True, default=1)
    amount = fields.Monetary(readonly=True, help="The value of the uses: the liability used.")
    uses_left = fields.Integer(string="Uses Left After", readonly=True)
    store_id = fields.Many2one("chain.store", string="Store", required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    employee_id = fields.Many2one("hr.employee", string="Served by", readonly=True, index="btree_not_null")
    pos_order_id = fields.Many2one("pos.order", string="POS Order", readonly=True, index="btree_not_null")
    pos_order_line_id = fields.Many2one("pos.order.line", string="POS Order Line", readonly=True)

    _sql_constraints = [
        ("uses_positive", "CHECK(uses > 0)", "A use is at least one use."),
        ("line_unique", "UNIQUE(pos_order_line_id)", "A POS order line records one use."),
    ]
