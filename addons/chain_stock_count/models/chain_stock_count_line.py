from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MANAGERS = "chain_store.group_chain_store_manager"
# what a counter enters
COUNTER_FIELDS = {"counted_qty", "recount_qty", "note"}
# what a counter may correct on a line they added (a lot found but not expected)
FOUND_FIELDS = {"product_id", "lot_id", "location_id"}
# set by the count itself (snapshot, recount decision, who counted), never by hand
SYSTEM_FIELDS = {
    "count_id", "expected_qty", "standard_price", "recount_required", "is_unexpected",
    "is_counted", "is_recounted", "counted_by_id",
}  # fmt: skip


class ChainStockCountLine(models.Model):
    """One product (and lot) at one location of a stock count.

    ``expected_qty`` is the on-hand quantity when the count started; it, the cost and the
    variance are readable by store managers only (blind count): a counter reading them gets an
    AccessError, and ``read()`` without field names leaves them out.
    """

    _name = "chain.stock.count.line"
    _description = "Stock Count Line"
    _order = "count_id, location_id, product_id, lot_id, id"
    _rec_name = "product_id"
    # the snapshot and the recount decision are the count's own (as superuser); the other
    # figures a counter may not set are refused in write() (SYSTEM_FIELDS), which sets them itself
    _chain_guarded_fields = {"expected_qty": (), "recount_required": ()}
    _chain_store_field = "store_id"

    count_id = fields.Many2one("chain.stock.count", string="Count", required=True, index=True, ondelete="cascade")
    store_id = fields.Many2one(related="count_id.store_id", store=True, index=True)
    company_id = fields.Many2one(related="count_id.company_id", store=True, index=True)
    state = fields.Selection(related="count_id.state")
    warehouse_id = fields.Many2one(related="count_id.warehouse_id")
    location_id = fields.Many2one(
        "stock.location", required=True, index=True,
        domain="[('usage', '=', 'internal'), ('warehouse_id', '=', warehouse_id)]",
    )  # fmt: skip
    product_id = fields.Many2one("product.product", required=True, index=True, domain=[("is_storable", "=", True)])
    product_barcode = fields.Char(related="product_id.barcode", string="Barcode")
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one("stock.lot", string="Lot", index=True, domain="[('product_id', '=', product_id)]")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    expected_qty = fields.Float(string="Expected", digits="Product Unit of Measure", readonly=True, groups=MANAGERS,
                                help="On hand when the count started.")  # fmt: skip
    counted_qty = fields.Float(string="Counted", digits="Product Unit of Measure")
    is_counted = fields.Boolean(string="Counted?", readonly=True)
    counted_by_id = fields.Many2one("res.users", string="Counted by", readonly=True)
    recount_required = fields.Boolean(string="Recount", readonly=True,
                                      help="The first count differs too much from the stock: count again.")  # fmt: skip
    recount_qty = fields.Float(string="Recounted", digits="Product Unit of Measure")
    is_recounted = fields.Boolean(string="Recounted?", readonly=True)
    final_qty = fields.Float(string="Final Count", digits="Product Unit of Measure", compute="_compute_final_qty",
                             store=True, help="The recount when there is one, else the count.")  # fmt: skip
    standard_price = fields.Float(string="Cost", digits="Product Price", compute="_compute_standard_price",
                                  store=True, groups=MANAGERS)  # fmt: skip
    currency_id = fields.Many2one(related="company_id.currency_id")
    variance_qty = fields.Float(string="Variance", digits="Product Unit of Measure", compute="_compute_variance",
                                store=True, groups=MANAGERS)  # fmt: skip
    variance_value = fields.Monetary(string="Variance Value", compute="_compute_variance", store=True,
                                     groups=MANAGERS)  # fmt: skip
    is_unexpected = fields.Boolean(string="Found", readonly=True,
                                   help="Added by a counter: found but not expected here.")  # fmt: skip
    note = fields.Char()

    @api.depends("counted_qty", "recount_qty", "is_recounted")
    def _compute_final_qty(self):
        for line in self:
            line.final_qty = line.recount_qty if line.is_recounted else line.counted_qty

    @api.depends("product_id")
    def _compute_standard_price(self):
        # the cost when the line is created (the count's start), not recomputed afterwards
        for line in self:
            line.standard_price = line.product_id.with_company(line.company_id).standard_price

    @api.depends("final_qty", "expected_qty", "standard_price")
    def _compute_variance(self):
        for line in self:
            line.variance_qty = line.final_qty - line.expected_qty
            line.variance_value = line.variance_qty * line.standard_price

    @api.constrains("product_id", "lot_id", "location_id", "is_unexpected")
    def _check_line(self):
        for line in self:
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    _("Lot %(lot)s is not a lot of %(product)s.", lot=line.lot_id.name,
                      product=line.product_id.display_name)
                )  # fmt: skip
            if line.is_unexpected and line.tracking != "none" and not line.lot_id:
                raise ValidationError(
                    _("%s is tracked by lot: scan or type the lot you found.", line.product_id.display_name)
                )
            if line.location_id.warehouse_id != line.count_id.warehouse_id:
                raise ValidationError(
                    _("Location %(location)s is not in store %(store)s.", location=line.location_id.display_name,
                      store=line.store_id.display_name)
                )  # fmt: skip
        groups = self._read_group(
            [("count_id", "in", self.count_id.ids)],
            ["count_id", "product_id", "lot_id", "location_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if groups:
            _count, product, lot, location, _n = groups[0]
            raise ValidationError(
                _(
                    "%(product)s %(lot)s is already on the count at %(location)s: count it on its line.",
                    product=product.display_name,
                    lot=lot.name or "",
                    location=location.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._chain_check_counter_create(vals)
                vals["is_unexpected"] = True
        for vals in vals_list:
            if "counted_qty" in vals:
                vals.update(is_counted=True, counted_by_id=self.env.uid)
        return super().create(vals_list)

    def _chain_check_counter_create(self, vals):
        """A user (not the snapshot) adds a line: a lot or product found but not expected."""
        if (SYSTEM_FIELDS - {"count_id"}) & set(vals):
            raise AccessError(_("Counters may only enter the product, lot, location and quantity they found."))
        count = self.env["chain.stock.count"].browse(vals.get("count_id"))
        count.check_access("write")
        if count.state != "counting":
            raise UserError(_("Lines are added while counting: count %s is not being counted.", count.name))

    def write(self, vals):
        if not self.env.su:
            self._chain_check_counter_write(vals)
        vals = dict(vals)
        if "counted_qty" in vals:
            vals.update(is_counted=True, counted_by_id=self.env.uid)
        if "recount_qty" in vals:
            vals["is_recounted"] = True
        return super().write(vals)

    def _chain_check_counter_write(self, vals):
        keys = set(vals)
        if keys & SYSTEM_FIELDS:
            raise AccessError(
                _("These figures are set by the count itself: %s", ", ".join(sorted(keys & SYSTEM_FIELDS)))
            )
        if "counted_qty" in keys and any(line.state != "counting" for line in self):
            raise UserError(_("Quantities are counted only while the count is in progress."))
        if "recount_qty" in keys and any(line.state != "recount" or not line.recount_required for line in self):
            raise UserError(_("Only the lines asked for a recount are recounted, while the count waits for it."))
        other = keys - COUNTER_FIELDS
        if not other:
            return
        if any(line.state not in ("draft", "counting") for line in self):
            raise UserError(_("The product, lot and location of a line are fixed once the count is submitted."))
        if other <= FOUND_FIELDS and all(line.is_unexpected for line in self):
            return
        if not self.env["chain.stock.count"]._chain_is_manager(self.store_id):
            raise AccessError(_("Counters may only enter the quantities they count."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_snapshot(self):
        if self.env.su:
            return
        if any(line.state not in ("draft", "counting") or not line.is_unexpected for line in self):
            raise UserError(_("Only lines added by a counter can be removed, while counting."))

    def _chain_describe(self, limit=10):
        """'Product (lot) @ location, ...' for messages, at most ``limit`` lines."""
        names = [
            f"{line.product_id.display_name}{f' ({line.lot_id.name})' if line.lot_id else ''} @ {line.location_id.name}"
            for line in self[:limit]
        ]
        if len(self) > limit:
            names.append(_("and %s more", len(self) - limit))
        return ", ".join(names)

    # -- counting buttons (phone) ---------------------------------------------------

    def _chain_qty_field(self):
        """The field a tap counts into: the count while counting, the recount when asked."""
        self.ensure_one()
        if self.state == "counting":
            return "counted_qty"
        if self.state == "recount" and self.recount_required:
            return "recount_qty"
        raise UserError(_("%s cannot be counted now.", self.product_id.display_name))

    def _chain_add(self, qty):
        for line in self:
            field = line._chain_qty_field()
            line[field] = max(line[field] + qty, 0.0)
        return True

    def action_add_one(self):
        return self._chain_add(1.0)

    def action_remove_one(self):
        return self._chain_add(-1.0)

    def action_set_zero(self):
        for line in self:
            line[line._chain_qty_field()] = 0.0
        return True
