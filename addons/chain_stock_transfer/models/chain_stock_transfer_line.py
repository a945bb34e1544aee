from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainStockTransferLine(models.Model):
    _name = "chain.stock.transfer.line"
    _description = "Inter-Store Transfer Line"
    _order = "transfer_id, sequence, id"

    transfer_id = fields.Many2one("chain.stock.transfer", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="transfer_id.company_id", store=True)
    state = fields.Selection(related="transfer_id.state")
    product_id = fields.Many2one(
        "product.product", required=True, index=True, domain=[("is_storable", "=", True)], check_company=True
    )
    product_uom_id = fields.Many2one(
        "uom.uom", string="Unit", compute="_compute_product_uom_id", store=True, readonly=False, precompute=True,
        required=True,
    )  # fmt: skip
    product_qty = fields.Float(string="Requested", digits="Product Unit of Measure", required=True, default=1.0)
    ship_qty = fields.Float(
        string="To Ship", digits="Product Unit of Measure", compute="_compute_ship_qty", store=True,
        readonly=False, precompute=True,
        help="What the sending store confirms it can ship; defaults to the requested quantity.",
    )  # fmt: skip
    available_qty = fields.Float(
        string="Available to Ship", digits="Product Unit of Measure", compute="_compute_available_qty",
        help="Sellable quantity in the sending store, in lots with enough remaining shelf life for a transfer.",
    )  # fmt: skip
    shipped_qty = fields.Float(string="Shipped", digits="Product Unit of Measure", compute="_compute_moved_qty")
    received_qty = fields.Float(string="Received", digits="Product Unit of Measure", compute="_compute_moved_qty")
    lot_names = fields.Char(string="Lots Shipped", compute="_compute_moved_qty")
    move_ids = fields.One2many("stock.move", "chain_transfer_line_id", string="Stock Moves")

    _sql_constraints = [
        ("qty_positive", "CHECK(product_qty >= 0 AND ship_qty >= 0)", "Quantities of a transfer cannot be negative."),
    ]

    @api.depends("product_id")
    def _compute_product_uom_id(self):
        for line in self:
            line.product_uom_id = line.product_id.uom_id

    @api.depends("product_qty")
    def _compute_ship_qty(self):
        for line in self:
            line.ship_qty = line.product_qty

    @api.constrains("product_uom_id", "product_id")
    def _check_uom(self):
        for line in self:
            if line.product_uom_id.category_id != line.product_id.uom_id.category_id:
                raise ValidationError(
                    _("The unit of %s must be of the same kind as its stock unit.", line.product_id.display_name)
                )

    @api.depends("product_id", "transfer_id.source_store_id")
    def _compute_available_qty(self):
        for transfer in self.transfer_id:
            lines = self.filtered(lambda line, t=transfer: line.transfer_id == t)
            warehouse = transfer.sudo().source_store_id.warehouse_id  # sudo: the other store's record
            if not warehouse:
                lines.available_qty = 0.0
                continue
            # sudo: the receiving store asks what the sending store can ship, without reading its
            # stock (only this sum is shown)
            Quant = self.env["stock.quant"].sudo()
            quants = Quant.search(
                [
                    ("product_id", "in", lines.product_id.ids),
                    ("location_id", "child_of", warehouse.lot_stock_id.id),
                    ("quantity", ">", 0),
                ]
            )
            quants -= quants._chain_unsellable()
            quants -= quants._chain_short_for_transfer()
            for line in lines:
                own = quants.filtered(lambda q, p=line.product_id: q.product_id == p)
                qty = sum(own.mapped("quantity")) - sum(own.mapped("reserved_quantity"))
                line.available_qty = line.product_id.uom_id._compute_quantity(max(qty, 0.0), line.product_uom_id)
        (self - self.filtered("transfer_id")).available_qty = 0.0

    @api.depends("move_ids.state", "move_ids.quantity")
    def _compute_moved_qty(self):
        for line in self:
            moves = line.sudo().move_ids.filtered(lambda m: m.state == "done")  # sudo: transit is shared
            shipped = moves.filtered(lambda m: m.location_dest_id.chain_transfer_transit)
            received = moves.filtered(
                lambda m: m.location_id.chain_transfer_transit and not m.location_dest_id.chain_transfer_transit
            )
            line.shipped_qty = sum(m.product_uom._compute_quantity(m.quantity, line.product_uom_id) for m in shipped)
            line.received_qty = sum(m.product_uom._compute_quantity(m.quantity, line.product_uom_id) for m in received)
            line.lot_names = ", ".join(sorted(set(shipped.move_line_ids.lot_id.mapped("name"))))
