from odoo import fields, models


class ChainReplenishPurchaseLine(models.Model):
    """What stores asked and the distribution centre could not ship: to buy from the supplier."""

    _name = "chain.replenish.purchase.line"
    _description = "Purchase Suggestion"
    _order = "partner_id, product_id, id"
    _rec_name = "product_id"
    _chain_guarded_fields = {"state": ("action_mark_done",)}
    # the DC's purchase suggestions: product, quantity and supplier for the whole DC, no store's data,
    # readable by the chain's buyers (not a store document: see the suite's NOT_STORE_DOCUMENTS)
    _chain_store_field = None

    allocation_id = fields.Many2one(
        "chain.replenish.allocation", string="Allocation", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    dc_id = fields.Many2one(related="allocation_id.dc_id", store=True, string="Distribution Centre")
    date = fields.Date(related="allocation_id.date", store=True)
    product_id = fields.Many2one("product.product", string="Product", required=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    partner_id = fields.Many2one("res.partner", string="Supplier", index=True, help="The product's first supplier.")
    qty = fields.Float(string="Shortfall", digits="Product Unit of Measure", required=True)
    state = fields.Selection([("open", "To Buy"), ("done", "Ordered")], required=True, default="open", index=True)

    def action_mark_done(self):
        self.write({"state": "done"})
        return True
