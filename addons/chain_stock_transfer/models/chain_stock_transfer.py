from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

REASONS = [
    ("replenish", "Replenishment"),
    ("rebalance", "Rebalancing"),
    ("near_expiry", "Near-expiry sell-through"),
    ("customer", "Customer order"),
    ("other", "Other"),
]


# what a submitted transfer keeps as it was submitted (and approved)
HEADER_FIELDS = {"source_store_id", "dest_store_id", "company_id"}


class ChainStockTransfer(models.Model):
    """A transfer of goods from one store (or the distribution centre) to another (调拨).

    Flow: draft -> to approve (when the company approves transfers) -> approved -> in transit
    (the sending store shipped, lots moved into the inter-store transit location) -> done (the
    receiving store received; differences became discrepancies) / cancelled.
    """

    _name = "chain.stock.transfer"
    _description = "Inter-Store Transfer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "requested_date desc, id desc"
    _chain_guarded_fields = {
        "state": (
            "action_submit", "action_approve", "action_reset_draft", "action_cancel", "_chain_ship",
            "_chain_mark_received",
        ),
        "approved_by_id": ("action_approve", "action_reset_draft"),
        "ship_picking_id": ("_chain_ship",),
        "receipt_picking_id": ("_chain_create_receipt",),
        "shipped_date": ("_chain_ship",),
        "received_date": ("_chain_mark_received",),
    }  # fmt: skip
    _chain_store_field = ("source_store_id", "dest_store_id")  # both stores work on it

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    source_store_id = fields.Many2one(
        "chain.store", string="From Store", required=True, index=True, tracking=True, check_company=True,
        default=lambda self: self._default_source_store(),
    )  # fmt: skip
    dest_store_id = fields.Many2one(
        "chain.store", string="To Store", required=True, index=True, tracking=True, check_company=True,
        default=lambda self: self.env.user.chain_store_id,
    )  # fmt: skip
    requested_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    reason = fields.Selection(REASONS, required=True, default="replenish")
    note = fields.Text()
    user_id = fields.Many2one("res.users", string="Requested by", default=lambda self: self.env.user, readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("in_transit", "In Transit"),
            ("done", "Received"),
            ("cancel", "Cancelled"),
        ],
        required=True, default="draft", readonly=True, copy=False, tracking=True, index=True,
    )  # fmt: skip
    line_ids = fields.One2many("chain.stock.transfer.line", "transfer_id", string="Lines", copy=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    ship_picking_id = fields.Many2one("stock.picking", string="Shipment", readonly=True, copy=False)
    receipt_picking_id = fields.Many2one("stock.picking", string="Receipt", readonly=True, copy=False)
    shipped_date = fields.Datetime(readonly=True, copy=False)
    received_date = fields.Datetime(readonly=True, copy=False)
    discrepancy_ids = fields.One2many("chain.stock.transfer.discrepancy", "transfer_id", string="Discrepancies")
    discrepancy_count = fields.Integer(compute="_compute_discrepancy_count")
    open_discrepancy_count = fields.Integer(compute="_compute_discrepancy_count")
    transit_qty = fields.Float(
        string="Quantity In Transit", compute="_compute_transit", digits="Product Unit of Measure",
        help="Shipped and neither received nor settled yet.",
    )  # fmt: skip
    transit_line_ids = fields.One2many(
        "stock.move.line", compute="_compute_transit", string="In Transit (lots)",
    )  # fmt: skip

    _sql_constraints = [
        ("stores_differ", "CHECK(source_store_id != dest_store_id)", "A store cannot transfer to itself."),
    ]

    @api.model
    def _default_source_store(self):
        return self.env["chain.store"].search([("kind", "=", "dc")], limit=1)

    @api.depends("discrepancy_ids.state")
    def _compute_discrepancy_count(self):
        for transfer in self:
            transfer.discrepancy_count = len(transfer.discrepancy_ids)
            transfer.open_discrepancy_count = len(transfer.discrepancy_ids.filtered(lambda d: d.state == "open"))

    @api.depends("state", "receipt_picking_id.move_line_ids.quantity", "discrepancy_ids.state")
    def _compute_transit(self):
        for transfer in self:
            # sudo: both stores see what travels between them, although the transit location
            # belongs to neither warehouse
            receipt = transfer.sudo().receipt_picking_id
            if transfer.state == "in_transit":
                lines = receipt.move_line_ids
            else:
                lines = self.env["stock.move.line"]
            missing = transfer.discrepancy_ids.filtered(
                lambda d: d.state == "open" and d.location_id.chain_transfer_transit
            )
            transfer.transit_line_ids = lines
            transfer.transit_qty = sum(lines.mapped("quantity")) + sum(missing.mapped("quantity"))

    @api.constrains("source_store_id", "dest_store_id")
    def _check_stores(self):
        # sudo: a store requests goods from a store whose record it may not read
        for transfer in self.sudo():
            for store in transfer.source_store_id | transfer.dest_store_id:
                if not store.warehouse_id:
                    raise ValidationError(_("Store %s has no warehouse: it cannot send or receive goods.", store.name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("chain.stock.transfer") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if HEADER_FIELDS & set(vals) and not self.env.su:
            started = self.filtered(lambda t: t.state != "draft")
            if started:
                raise UserError(
                    _("Transfer %s has been submitted: its stores can no longer change (put it back to draft).",
                      started[0].name)
                )  # fmt: skip
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(transfer.state not in ("draft", "cancel") for transfer in self):
            raise UserError(_("Only draft or cancelled transfers can be deleted."))

    # -- approval -------------------------------------------------------------

    def _chain_approval_required(self):
        """Hook: whether submitted transfers wait for an approval (the company setting)."""
        self.ensure_one()
        return self.company_id.chain_transfer_approval

    def action_submit(self):
        for transfer in self:
            if transfer.state != "draft":
                raise UserError(_("Transfer %s is not a draft.", transfer.name))
            if not transfer.line_ids.filtered(lambda line: line.product_qty > 0):
                raise UserError(_("Transfer %s has no product to transfer.", transfer.name))
            transfer.state = "to_approve" if transfer._chain_approval_required() else "approved"
            if transfer.state == "approved":
                transfer.line_ids._chain_set_approved_qty()
                # sudo: the sending store's manager is told, whoever submits
                transfer.sudo()._chain_notify_sender()
        return True

    def _chain_check_manager(self, stores):
        """Raise AccessError unless the user manages one of ``stores`` (or a region or the chain)."""
        if not self.env.su and not self.env.user._chain_manages_stores(stores):
            # sudo: the names of the stores, to say whose manager is needed
            names = ", ".join(stores.sudo().mapped("display_name"))
            raise AccessError(_("Only a manager of %s may do this.", names))

    def action_approve(self):
        for transfer in self:
            if transfer.state != "to_approve":
                raise UserError(_("Transfer %s is not waiting for an approval.", transfer.name))
            transfer._chain_check_manager(transfer.source_store_id | transfer.dest_store_id)
            transfer.write({"state": "approved", "approved_by_id": self.env.user.id})
            transfer.line_ids._chain_set_approved_qty()
            transfer.sudo()._chain_notify_sender()  # sudo: see action_submit
        return True

    def action_reset_draft(self):
        """Back to draft; an approval still pending is withdrawn with it (the requester's way to
        take a request back: the document never waits for a review that nobody has)."""
        for transfer in self:
            if transfer.state not in ("to_approve", "approved", "cancel"):
                raise UserError(_("Transfer %s has been shipped: it can no longer go back to draft.", transfer.name))
            transfer.write({"state": "draft", "approved_by_id": False})
        Request = self.env.get("chain.approval.request")
        if Request is not None:
            Request._chain_withdraw(self, _("Withdrawn: the transfer went back to draft."))
        return True

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: ``request`` was cancelled or rejected; a transfer waiting for it goes back
        to draft (to be submitted again), so that it never waits for nobody."""
        for transfer in self.filtered(lambda t: t.state == "to_approve"):
            transfer.action_reset_draft()
            transfer.message_post(body=_("The approval was cancelled or rejected: the transfer is back to draft."))

    def _chain_check_raised(self):
        """Approved transfers whose quantities rose above what was approved are submitted again:
        they wait for a new approval when one is required (lowering needs none)."""
        for transfer in self.filtered(lambda t: t.state == "approved"):
            raised = transfer.line_ids.filtered(lambda line: line._chain_raised())
            if not raised:
                continue
            transfer.action_reset_draft()
            transfer.action_submit()
            transfer.message_post(
                body=_(
                    "Quantities raised after the approval (%(products)s): the transfer was submitted again "
                    "(%(state)s).",
                    products=", ".join(raised.product_id.mapped("display_name")),
                    state=dict(self._fields["state"]._description_selection(self.env))[transfer.state],
                )
            )

    def action_cancel(self):
        for transfer in self:
            if transfer.state in ("in_transit", "done"):
                raise UserError(
                    _("Transfer %s has been shipped: receive it, then settle the differences.", transfer.name)
                )
            transfer.state = "cancel"
        Request = self.env.get("chain.approval.request")
        if Request is not None:
            Request._chain_withdraw(self, _("Withdrawn: the transfer was cancelled."))
        return True

    def _chain_notify_sender(self):
        manager = self.source_store_id.manager_id
        if manager:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.requested_date,
                user_id=manager.id,
                summary=_("Ship transfer %(name)s to %(store)s", name=self.name, store=self.dest_store_id.name),
            )

    # -- shipping -------------------------------------------------------------

    def _chain_check_store_side(self, store):
        """Raise AccessError unless the user works in ``store`` (or manages it, or the chain)."""
        user = self.env.user
        if self.env.su or user.has_group("chain_store.group_chain_manager"):
            return
        if store not in user.chain_visible_store_ids:
            raise AccessError(_("Only the staff of %s may do this.", store.display_name))

    def _prepare_ship_picking_vals(self):
        self.ensure_one()
        warehouse = self.source_store_id.warehouse_id
        transit = self.company_id._chain_transit_location()
        return {
            "picking_type_id": warehouse.out_type_id.id,
            "location_id": warehouse.lot_stock_id.id,
            "location_dest_id": transit.id,
            "origin": self.name,
            "company_id": self.company_id.id,
            "move_ids": [
                Command.create(
                    {
                        "name": self.name,
                        "product_id": line.product_id.id,
                        "product_uom": line.product_uom_id.id,
                        "product_uom_qty": line.ship_qty,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": transit.id,
                        "company_id": self.company_id.id,
                        "chain_transfer_line_id": line.id,
                    }
                )
                for line in self.line_ids
                if line.ship_qty > 0
            ],
        }

    def action_ship(self):
        """Ship what the sending store confirmed: FEFO lots with enough remaining life for the
        receiving store, into the inter-store transit location; prepare the receipt."""
        for transfer in self:
            if transfer.state != "approved":
                raise UserError(_("Transfer %s must be approved before it is shipped.", transfer.name))
            transfer._chain_check_store_side(transfer.source_store_id)
            transfer.check_access("write")
            # sudo: shipping reads the receiving store and creates its receipt; the user's rights
            # on this transfer and the sending store were checked just above (uid is kept)
            transfer.sudo()._chain_ship()
        return True

    def _chain_ship(self):
        self.ensure_one()
        vals = self._prepare_ship_picking_vals()
        if not vals["move_ids"]:
            raise UserError(_("Nothing to ship on %s: every line has a quantity to ship of zero.", self.name))
        # sudo: the shipment crosses into the shared transit location and the other store's
        # side; the user's rights on this transfer were checked by the caller
        Picking = self.env["stock.picking"].sudo().with_context(chain_transfer_gate=True)
        picking = Picking.create(vals)
        picking.action_confirm()
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = sum(move.move_line_ids.mapped("quantity"))
        shipped = picking.move_ids.filtered(lambda m: m.quantity > 0)
        if not shipped:
            picking.action_cancel()
            raise UserError(
                _(
                    "Nothing on %(name)s can be shipped: %(store)s has no sellable lot with enough remaining "
                    "shelf life for the receiving store.",
                    name=self.name,
                    store=self.source_store_id.name,
                )
            )
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
        self.write({"ship_picking_id": picking.id, "state": "in_transit", "shipped_date": fields.Datetime.now()})
        self._chain_create_receipt()
        for line in self.line_ids:
            if line.shipped_qty < line.ship_qty:
                self.message_post(
                    body=_(
                        "%(product)s: %(shipped)s shipped of %(confirmed)s confirmed; the rest has no lot with "
                        "enough remaining shelf life or is not sellable.",
                        product=line.product_id.display_name,
                        shipped=line.shipped_qty,
                        confirmed=line.ship_qty,
                    )
                )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        manager = self.dest_store_id.manager_id
        if manager:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=_("Receive transfer %(name)s from %(store)s", name=self.name, store=self.source_store_id.name),
            )

    def _chain_create_receipt(self):
        """The receiving store's receipt, from the transit location, with the shipped lots reserved."""
        self.ensure_one()
        warehouse = self.dest_store_id.warehouse_id
        ship = self.ship_picking_id.sudo()  # sudo: see the caller
        transit = ship.location_dest_id
        picking = ship.create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "location_id": transit.id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "origin": self.name,
                "company_id": self.company_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.name,
                            "product_id": move.product_id.id,
                            "product_uom": move.product_uom.id,
                            "product_uom_qty": move.quantity,
                            "location_id": transit.id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                            "company_id": self.company_id.id,
                            "chain_transfer_line_id": move.chain_transfer_line_id.id,
                        }
                    )
                    for move in ship.move_ids.filtered(lambda m: m.state == "done")
                ],
            }
        )
        picking.action_confirm()
        for move in picking.move_ids:
            move.move_line_ids.unlink()
            shipped = ship.move_line_ids.filtered(
                lambda ml, m=move: ml.move_id.chain_transfer_line_id == m.chain_transfer_line_id
            )
            # sudo: the lines take goods out of the shared transit location (see the caller)
            self.env["stock.move.line"].sudo().create(
                [
                    {
                        "move_id": move.id,
                        "picking_id": picking.id,
                        "product_id": ml.product_id.id,
                        "product_uom_id": ml.product_uom_id.id,
                        "lot_id": ml.lot_id.id,
                        "quantity": ml.quantity,
                        "location_id": transit.id,
                        "location_dest_id": warehouse.lot_stock_id.id,
                    }
                    for ml in shipped
                ]
            )
        self.receipt_picking_id = picking

    def action_receive(self):
        self.ensure_one()
        if self.state != "in_transit":
            raise UserError(_("Transfer %s is not in transit.", self.name))
        self._chain_check_store_side(self.dest_store_id)
        return {
            "type": "ir.actions.act_window",
            "name": _("Receive %s", self.name),
            "res_model": "chain.stock.transfer.receive.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_transfer_id": self.id},
        }

    def _chain_mark_received(self):
        """The receipt was booked (by the receive wizard): the transfer is done."""
        self.write({"state": "done", "received_date": fields.Datetime.now()})

    def action_view_discrepancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "chain_stock_transfer.chain_stock_transfer_discrepancy_action"
        )
        action["domain"] = [("transfer_id", "=", self.id)]
        action["context"] = {"default_transfer_id": self.id}
        return action
