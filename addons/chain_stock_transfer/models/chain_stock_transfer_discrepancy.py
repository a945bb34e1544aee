from odoo import _, api, fields, models
from odoo.exceptions import UserError

KINDS = [
    ("missing", "Missing"),
    ("extra", "Extra"),
    ("damaged", "Damaged"),
    ("wrong_lot", "Wrong Lot"),
]
SETTLEMENTS = [
    ("write_off", "Write-off"),
    ("return", "Return Shipment"),
    ("correction", "Correction"),
]
# What each settlement may do for each kind of difference (see ``_chain_settle``).
ALLOWED = {
    "missing": {"write_off", "return", "correction"},
    "damaged": {"write_off", "return", "correction"},
    "extra": {"return", "correction"},
    "wrong_lot": {"return", "correction"},
}


class ChainStockTransferDiscrepancy(models.Model):
    """A difference between what a store shipped and what the other store received.

    Booked goods never vanish: missing goods stay in the inter-store transit location and damaged
    goods wait in the receiving store's quarantine until the discrepancy is settled. Extra goods
    (received, never shipped) are not in the books until a correction books them.

    Settlements, per kind:

    - missing (in transit): *write-off* scraps them from transit; *return* books them back into
      the sending store (they never left); *correction* books them into the receiving store
      (the count was wrong).
    - damaged (receiving store's quarantine): *write-off* scraps them; *return* ships them back to
      the sending store; *correction* puts them on the shelf (sellable after all).
    - extra (not booked): *correction* books them from the sending store into the receiving one;
      *return* closes the record once the goods are sent back (nothing to book).
    - wrong lot (lot shipped still in transit, another lot received): *correction* books the shipped
      lot back into the sending store and the received lot from the sending store into the
      receiving one; *return* books the shipped lot back into the sending store.
    """

    _name = "chain.stock.transfer.discrepancy"
    _description = "Transfer Discrepancy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    # recorded by the receipt (as superuser), settled by its managers: only the note is free
    _chain_guarded_fields = dict.fromkeys(
        (
            "transfer_id", "kind", "product_id", "lot_id", "received_lot_id", "received_lot_name", "quantity",
            "location_id", "state", "settlement", "settled_by_id", "settled_date", "picking_ids", "scrap_id",
        ),
        ("_chain_settle",),
    )  # fmt: skip
    _chain_store_field = ("source_store_id", "dest_store_id")  # both stores work on it

    transfer_id = fields.Many2one("chain.stock.transfer", required=True, index=True, ondelete="cascade")
    name = fields.Char(related="transfer_id.name", string="Reference")
    company_id = fields.Many2one(related="transfer_id.company_id", store=True)
    source_store_id = fields.Many2one(related="transfer_id.source_store_id", store=True, index=True)
    dest_store_id = fields.Many2one(related="transfer_id.dest_store_id", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_id = fields.Many2one("stock.lot", string="Lot Shipped", readonly=True)
    received_lot_id = fields.Many2one("stock.lot", string="Lot Received", readonly=True)
    received_lot_name = fields.Char(string="Lot Received (as read)", readonly=True)
    quantity = fields.Float(required=True, readonly=True, digits="Product Unit of Measure")
    value = fields.Monetary(
        compute="_compute_value", store=True, currency_field="currency_id",
        help="Quantity at the product's cost.",
    )  # fmt: skip
    currency_id = fields.Many2one(related="company_id.currency_id")
    location_id = fields.Many2one(
        "stock.location", string="Waiting In", readonly=True,
        help="Where the booked goods wait until the discrepancy is settled.",
    )  # fmt: skip
    state = fields.Selection(
        [("open", "Open"), ("settled", "Settled")], default="open", required=True, readonly=True, tracking=True,
        index=True,
    )  # fmt: skip
    settlement = fields.Selection(SETTLEMENTS, readonly=True, tracking=True)
    settled_by_id = fields.Many2one("res.users", readonly=True)
    settled_date = fields.Datetime(readonly=True)
    note = fields.Text()
    picking_ids = fields.Many2many("stock.picking", string="Settlement Transfers", readonly=True, copy=False)
    scrap_id = fields.Many2one("stock.scrap", string="Write-off", readonly=True, copy=False)

    @api.depends("quantity", "product_id")
    def _compute_value(self):
        for record in self:
            record.value = record.quantity * record.product_id.standard_price

    @api.depends("kind", "product_id", "quantity")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.display_name = (
                f"{record.transfer_id.name}: {labels.get(record.kind)} {record.product_id.display_name}"
            )

    def _chain_assign(self):
        """One to-do for each store manager of both stores, listing what to settle."""
        # sudo: both stores' managers are assigned, whichever store records the difference
        for transfer in self.sudo().transfer_id:
            records = self.sudo().filtered(lambda d, t=transfer: d.transfer_id == t)
            managers = (transfer.source_store_id | transfer.dest_store_id).manager_id
            labels = dict(self._fields["kind"]._description_selection(self.env))
            lines = "\n".join(
                f"- {labels[d.kind]}: {d.product_id.display_name} {d.lot_id.name or d.received_lot_name or ''} "
                f"x {d.quantity:g}"
                for d in records
            )
            for manager in managers:
                for record in records:
                    record.activity_schedule(
                        "chain_stock_transfer.mail_activity_type_transfer_discrepancy",
                        user_id=manager.id,
                        note=lines,
                        summary=_("Settle the discrepancy of %s", transfer.name),
                    )

    # -- settlement -----------------------------------------------------------

    def action_settle(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Settle Discrepancy"),
            "res_model": "chain.stock.transfer.settle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_discrepancy_ids": self.ids},
        }

    def _chain_settle(self, settlement, note=False):
        """Settle each record of ``self`` by ``settlement`` (a key of SETTLEMENTS); books the goods
        as described in the class docstring. Raises UserError when a record is already settled or
        the settlement does not apply to its kind."""
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.transfer_id._chain_check_manager(record.source_store_id | record.dest_store_id)
            if record.state != "open":
                raise UserError(_("This discrepancy is already settled: %s", record.display_name))
            if settlement not in ALLOWED[record.kind]:
                raise UserError(
                    _(
                        "%(kind)s goods cannot be settled this way: they are not in the books. Book them by a "
                        "correction or close the record when they are sent back.",
                        kind=labels[record.kind],
                    )
                )
            # sudo: settling books goods in both stores and the shared transit location; the
            # user's right (a manager of one of the two stores) was checked just above (uid kept)
            getattr(record.sudo(), f"_chain_settle_{settlement}")()
            record.write(
                {
                    "state": "settled",
                    "settlement": settlement,
                    "settled_by_id": self.env.user.id,
                    "settled_date": fields.Datetime.now(),
                    "note": note or record.note,
                }
            )
            record.activity_feedback(["chain_stock_transfer.mail_activity_type_transfer_discrepancy"])
        return True

    def _chain_stock(self, store):
        return store.warehouse_id.lot_stock_id

    def _chain_settle_write_off(self):
        # sudo: the goods wait in the shared transit location or the other store's quarantine;
        # the user's right (a manager of one of the stores) was checked by ``_chain_settle``
        scrap = (
            self.env["stock.scrap"]
            .sudo()
            .create(
                {
                    "product_id": self.product_id.id,
                    "product_uom_id": self.product_id.uom_id.id,
                    "lot_id": self.lot_id.id,
                    "scrap_qty": self.quantity,
                    "location_id": self.location_id.id,
                    "company_id": self.company_id.id,
                    "origin": self.transfer_id.name,
                }
            )
        )
        scrap.do_scrap()
        self.scrap_id = scrap

    def _chain_settle_return(self):
        source = self._chain_stock(self.source_store_id)
        if self.kind in ("missing", "wrong_lot", "damaged"):
            self.picking_ids |= self._chain_book(self.location_id, source, self.lot_id)

    def _chain_settle_correction(self):
        source = self._chain_stock(self.source_store_id)
        dest = self._chain_stock(self.dest_store_id)
        if self.kind in ("missing", "damaged"):
            self.picking_ids |= self._chain_book(self.location_id, dest, self.lot_id)
        elif self.kind == "extra":
            self.picking_ids |= self._chain_book(source, dest, self._chain_received_lot())
        elif self.kind == "wrong_lot":
            self.picking_ids |= self._chain_book(self.location_id, source, self.lot_id)
            self.picking_ids |= self._chain_book(source, dest, self._chain_received_lot())

    def _chain_received_lot(self):
        if self.received_lot_id or not self.received_lot_name or self.product_id.tracking == "none":
            return self.received_lot_id
        # sudo: the lot may exist only in the other store's books
        Lot = self.env["stock.lot"].sudo()
        lot = Lot.search(
            [("product_id", "=", self.product_id.id), ("name", "=", self.received_lot_name),
             ("company_id", "in", [self.company_id.id, False])],
            limit=1,
        )  # fmt: skip
        if not lot:
            lot = Lot.create(
                {"product_id": self.product_id.id, "name": self.received_lot_name, "company_id": self.company_id.id}
            )
        self.received_lot_id = lot
        return lot

    def _chain_book(self, location, location_dest, lot):
        """A validated transfer of this record's quantity of ``lot`` from ``location`` to ``location_dest``."""
        # sudo: the operation types of the other store's warehouse (rights checked by the caller)
        source_wh, dest_wh = location.sudo().warehouse_id, location_dest.sudo().warehouse_id
        picking_type = (dest_wh or source_wh).int_type_id
        if source_wh and dest_wh and source_wh != dest_wh:
            picking_type = dest_wh.in_type_id
        # sudo: settlement crosses stores and the shared transit location (rights checked by the caller)
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": location.id,
                    "location_dest_id": location_dest.id,
                    "origin": _("%(transfer)s (discrepancy)", transfer=self.transfer_id.name),
                    "company_id": self.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": self.transfer_id.name,
                                "product_id": self.product_id.id,
                                "product_uom": self.product_id.uom_id.id,
                                "product_uom_qty": self.quantity,
                                "location_id": location.id,
                                "location_dest_id": location_dest.id,
                                "company_id": self.company_id.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        # sudo: see above; the line books the record's lot and quantity as they are
        self.env["stock.move.line"].sudo().create(
            {
                "move_id": move.id,
                "picking_id": picking.id,
                "product_id": self.product_id.id,
                "product_uom_id": self.product_id.uom_id.id,
                "lot_id": lot.id,
                "quantity": self.quantity,
                "picked": True,
                "location_id": location.id,
                "location_dest_id": location_dest.id,
            }
        )
        # the goods moved already (they are where the record says): book them as they are,
        # accepting short-dated lots like the shipment that brought them
        picking.with_context(chain_transfer_settlement=True)._action_done()
        return picking
