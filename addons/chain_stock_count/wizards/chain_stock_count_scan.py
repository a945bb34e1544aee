from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ChainStockCountScan(models.TransientModel):
    """The scan screen of a count, made for a phone: scan (or type) a product barcode, then its
    lot, enter the quantity (1 by default) and *Add*. The screen stays open for the next item.

    A lot found but not on the count becomes a new line; a lot number unknown to Odoo is created.
    """

    _name = "chain.stock.count.scan"
    _description = "Stock Count Scan"
    _inherit = ["barcodes.barcode_events_mixin"]
    _chain_guarded_fields = {}  # counts through the lines' own checks

    count_id = fields.Many2one("chain.stock.count", required=True, ondelete="cascade")
    warehouse_id = fields.Many2one(related="count_id.warehouse_id")
    location_id = fields.Many2one(
        "stock.location", compute="_compute_location_id", store=True, readonly=False, required=True,
        domain="[('usage', '=', 'internal'), ('warehouse_id', '=', warehouse_id)]",
    )  # fmt: skip
    barcode = fields.Char(string="Barcode or Lot", help="Scan or type a product barcode or a lot number.")
    product_id = fields.Many2one("product.product", compute="_compute_from_barcode", store=True, readonly=False,
                                 domain=[("is_storable", "=", True)])  # fmt: skip
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one("stock.lot", string="Lot", compute="_compute_from_barcode", store=True, readonly=False,
                             domain="[('product_id', '=', product_id)]")  # fmt: skip
    lot_name = fields.Char(string="New Lot Number", compute="_compute_from_barcode", store=True, readonly=False,
                           help="A lot found on the shelf that Odoo does not know yet.")  # fmt: skip
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    message = fields.Char(readonly=True)

    @api.depends("count_id")
    def _compute_location_id(self):
        for scan in self:
            if not scan.location_id:
                scan.location_id = scan.count_id.location_ids[:1] or scan.count_id.warehouse_id.lot_stock_id

    @api.depends("barcode")
    def _compute_from_barcode(self):
        Product = self.env["product.product"]
        Lot = self.env["stock.lot"]
        for scan in self:
            code = (scan.barcode or "").strip()
            if not code:
                continue
            product = Product.search([("barcode", "=", code)], limit=1) or Product.search(
                [("default_code", "=", code)], limit=1
            )
            if product:
                scan.update({"product_id": product.id, "lot_id": False, "lot_name": False})
                continue
            domain = [("name", "=", code), ("company_id", "in", [False, scan.count_id.company_id.id])]
            if scan.product_id:
                domain.append(("product_id", "=", scan.product_id.id))
            lot = Lot.search(domain, limit=1)
            if lot:
                scan.update({"product_id": lot.product_id.id, "lot_id": lot.id, "lot_name": False})
            elif scan.product_id.tracking not in (False, "none"):
                scan.update({"lot_id": False, "lot_name": code})
            else:
                scan.message = _("Nothing matches %s: scan the product first, then its lot.", code)

    def on_barcode_scanned(self, barcode):
        """Barcode scanner (keyboard wedge) anywhere on the screen."""
        self.barcode = barcode

    def _get_lot(self):
        """The lot to count: the one chosen, or a new one named as typed."""
        self.ensure_one()
        if self.lot_id or self.product_id.tracking == "none":
            return self.lot_id
        if not self.lot_name:
            raise UserError(_("%s is tracked by lot: scan or type its lot number.", self.product_id.display_name))
        return self.env["stock.lot"].create(
            {"name": self.lot_name, "product_id": self.product_id.id, "company_id": self.count_id.company_id.id}
        )

    def action_add(self):
        """Add the quantity to the line of this product, lot and location (created when missing)."""
        self.ensure_one()
        if not self.product_id:
            raise UserError(_("Scan or choose a product first."))
        if not self.quantity:
            raise UserError(_("Enter the quantity found."))
        lot = self._get_lot()
        Line = self.env["chain.stock.count.line"]
        line = Line.search(
            [
                ("count_id", "=", self.count_id.id),
                ("product_id", "=", self.product_id.id),
                ("lot_id", "=", lot.id),
                ("location_id", "=", self.location_id.id),
            ],
            limit=1,
        )
        if not line:
            line = Line.create(
                {
                    "count_id": self.count_id.id,
                    "product_id": self.product_id.id,
                    "lot_id": lot.id,
                    "location_id": self.location_id.id,
                }
            )
        line._chain_add(self.quantity)
        field = line._chain_qty_field()
        self.write(
            {
                "message": _(
                    "%(product)s %(lot)s: %(qty)s counted",
                    product=self.product_id.display_name,
                    lot=lot.name or "",
                    qty=line[field],
                ),
                "barcode": False,
                "product_id": False,
                "lot_id": False,
                "lot_name": False,
                "quantity": 1.0,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Scan"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
