from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

# quantities whose rise after an approval needs the approval again
QTY_FIELDS = {"product_qty", "ship_qty", "product_uom_id"}


class ChainStockTransferLine(models.Model):
    _name = "chain.stock.transfer.line"
    _description = "Inter-Store Transfer Line"
    _order = "transfer_id, sequence, id"
    _chain_guarded_fields = {"approved_qty": ("_chain_set_approved_qty",)}
    _chain_store_field = ("transfer_id.source_store_id", "transfer_id.dest_store_id")

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
    approved_qty = fields.Float(
        string="Approved Quantity", digits="Product Unit of Measure", readonly=True, copy=False,
        help="The quantity to ship when the transfer was approved: more than this needs the approval again.",
    )  # fmt: skip

    _sql_constraints = [
        ("qty_positive", "CHECK(product_qty >= 0 AND ship_qty >= 0)", "Quantities of a transfer cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._chain_check_editable()
        lines.transfer_id._chain_check_raised()
        return lines

    def write(self, vals):
        if set(vals) - {"sequence"}:
            self._chain_check_editable(vals)
        res = super().write(vals)
        if QTY_FIELDS & set(vals):
            self.transfer_id._chain_check_raised()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shipped(self):
        self._chain_check_editable()

    def _chain_check_editable(self, vals=None):
        """Raise UserError when a line cannot change: once shipped (or cancelled) nothing does;
        once submitted its product is fixed (quantities may go down; up, see ``_chain_raised``)."""
        for line in self:
            transfer = line.transfer_id
            if transfer.state in ("in_transit", "done", "cancel"):
                raise UserError(_("Transfer %s has been shipped or cancelled: its lines are fixed.", transfer.name))
            if vals and {"product_id", "product_uom_id"} & set(vals) and transfer.state != "draft":
                raise UserError(
                    _("Transfer %s has been submitted: put it back to draft to change its products.", transfer.name)
                )

    def _chain_raised(self):
        """Whether this line asks to ship more than was approved."""
        self.ensure_one()
        rounding = self.product_uom_id.rounding or 0.01
        qty = max(self.product_qty, self.ship_qty)
        return float_compare(qty, self.approved_qty, precision_rounding=rounding) > 0

    def _chain_set_approved_qty(self):
        """The transfer is approved: what each line may ship from now on."""
        for line in self:
            line.approved_qty = max(line.product_qty, line.ship_qty)

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
