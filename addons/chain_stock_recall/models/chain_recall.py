import time

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import recall_trace

# "called" is progress, not a result: the goods are back (returned, refunded) or the task waived
DONE_CONTACT = ("returned", "refunded", "waived")
DONE_STORE = ("cleared", "waived")


class ChainRecall(models.Model):
    """A recall (召回) of lots of one product, traced to stock, stores, customers and suppliers.

    Launching blocks the lots chain-wide, moves their stock to each store's
    quarantine and lists every buyer, in one transaction. A drill runs the same
    trace without changing anything and reports its duration and completeness.
    """

    _name = "chain.recall"
    _description = "Recall"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _mail_post_access = "read"  # store staff report their progress in the recall's chatter

    name = fields.Char(required=True, copy=False, readonly=True, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    product_id = fields.Many2one("product.product", required=True, index=True, tracking=True,
                                 domain=[("tracking", "!=", "none")])  # fmt: skip
    lot_ids = fields.Many2many("stock.lot", string="Lots", domain="[('product_id', '=', product_id)]", tracking=True)
    production_date_from = fields.Date(help="Also recall every lot of the product produced from this date.")
    production_date_to = fields.Date(help="... to this date (included).")
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("launched", "Launched"), ("done", "Closed"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    launched_date = fields.Datetime(readonly=True, copy=False)
    launched_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False)
    store_ids = fields.Many2many("chain.store", string="Stores", readonly=True, copy=False,
                                 help="Stores holding or having sold the recalled lots.")  # fmt: skip
    store_line_ids = fields.One2many("chain.recall.store", "recall_id", string="Store Tasks", copy=False)
    customer_line_ids = fields.One2many("chain.recall.customer", "recall_id", string="Customers", copy=False)
    stock_line_ids = fields.One2many("chain.recall.stock", "recall_id", string="Stock", copy=False)
    receipt_line_ids = fields.One2many("chain.recall.receipt", "recall_id", string="Supplier Receipts", copy=False)
    picking_ids = fields.Many2many("stock.picking", string="Quarantine Transfers", readonly=True, copy=False)
    # trace figures (launch or drill)
    traced_date = fields.Datetime(string="Traced On", readonly=True, copy=False)
    trace_ms = fields.Integer(string="Trace Duration (ms)", readonly=True, copy=False)
    is_drill = fields.Boolean(string="Drill", readonly=True, copy=False, help="Last trace was a drill.")
    stock_qty = fields.Float(string="In Stock", readonly=True, copy=False, digits="Product Unit of Measure")
    sold_qty = fields.Float(string="Sold", readonly=True, copy=False, digits="Product Unit of Measure")
    traced_qty = fields.Float(string="Sold to Known Customers", readonly=True, copy=False,
                              digits="Product Unit of Measure")  # fmt: skip
    anonymous_qty = fields.Float(string="Sold Anonymously", readonly=True, copy=False, digits="Product Unit of Measure")
    traced_ratio = fields.Float(string="Traced to a Customer (%)", readonly=True, copy=False)
    unlinked_pos_line_count = fields.Integer(
        string="POS Lines without Lot Link", readonly=True, copy=False,
        help="POS lines whose typed lot number matches a recalled lot but is not linked to it (data to check).",
    )  # fmt: skip
    store_count = fields.Integer(compute="_compute_counts")
    customer_count = fields.Integer(compute="_compute_counts")
    open_task_count = fields.Integer(compute="_compute_counts", string="Open Tasks")
    picking_count = fields.Integer(compute="_compute_counts")

    # The recall's workflow and its trace: only its actions (manager right and gates checked
    # there: a recall closes only when every task is done) and the trace change them.
    _chain_guarded_fields = {
        "state": ("action_launch", "action_close", "action_cancel"),
        "launched_date": ("action_launch",),
        "launched_by_id": ("action_launch",),
        "picking_ids": ("action_launch",),
        "closed_date": ("action_close",),
        "is_drill": ("action_drill", "action_launch"),
        **dict.fromkeys(
            ("store_ids", "traced_date", "trace_ms", "stock_qty", "sold_qty", "traced_qty", "anonymous_qty",
             "traced_ratio", "unlinked_pos_line_count"),
            ("_write_trace",),
        ),
    }  # fmt: skip

    @api.depends("store_line_ids.state", "customer_line_ids.state", "picking_ids")
    def _compute_counts(self):
        for recall in self:
            recall.picking_count = len(recall.picking_ids)
            recall.store_count = len(recall.store_line_ids)
            recall.customer_count = len(recall.customer_line_ids)
            recall.open_task_count = len(recall.store_line_ids.filtered(lambda s: s.state not in DONE_STORE)) + len(
                recall.customer_line_ids.filtered(lambda c: c.state not in DONE_CONTACT)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("chain.recall") or _("New")
        return super().create(vals_list)

    # -- rights --------------------------------------------------------------

    def _check_manager(self):
        """Raise unless the user is a recall manager allowed to change these recalls (group, ACL
        and record rules): the actions below then work as superuser on every store's stock."""
        if not self.env.su and not self.env.user.has_group("chain_stock_recall.group_chain_recall_manager"):
            raise AccessError(_("Only recall managers may launch, waive, close or export recalls."))
        self.check_access("write")

    # -- lots ----------------------------------------------------------------

    def _resolve_lots(self):
        """The recalled lots: those named, plus the product's lots produced in the date range."""
        self.ensure_one()
        lots = self.lot_ids
        if self.production_date_from or self.production_date_to:
            domain = [("product_id", "=", self.product_id.id), ("company_id", "in", [False, self.company_id.id])]
            if self.production_date_from:
                domain.append(("chain_production_date", ">=", self.production_date_from))
            if self.production_date_to:
                domain.append(("chain_production_date", "<=", self.production_date_to))
            lots |= self.env["stock.lot"].sudo().search(domain)  # sudo: a recall covers the lots of every store
        if not lots:
            raise UserError(_("Name the lots to recall, or a production date range that contains some."))
        return lots

    # -- trace -----------------------------------------------------------------

    def _trace(self):
        """Fill the stock, store, customer and receipt lines from the database (idempotent)."""
        self.ensure_one()
        started = time.perf_counter()
        lots = self._resolve_lots()
        if lots != self.lot_ids:
            self.sudo().lot_ids = lots  # sudo: store the resolved range on the recall as its manager asked
        self.env.flush_all()
        lot_ids = tuple(lots.ids)
        stock = self._trace_stock(lot_ids)
        pos = self._trace_pos(lot_ids)
        sales = self._trace_sales(lot_ids)
        receipts = self._trace_receipts(lot_ids)
        unlinked = self._trace_unlinked_pos(lots)
        self._write_trace(stock, pos, sales, receipts, unlinked, started)

    def _query(self, query):
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    def _trace_stock(self, lot_ids):
        return self._query(
            SQL(
                """
                SELECT q.location_id, q.lot_id, w.chain_store_id AS store_id, SUM(q.quantity) AS quantity,
                       BOOL_OR(COALESCE(l.chain_quarantine, FALSE)) AS in_quarantine
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                  LEFT JOIN stock_warehouse w ON w.id = l.warehouse_id
                 WHERE q.lot_id IN %s AND q.quantity > 0
                 GROUP BY q.location_id, q.lot_id, w.chain_store_id
                """,
                lot_ids,
            )
        )

    def _trace_pos(self, lot_ids):
        """POS sales per original order and lot, refunds netted into the order they refund; a
        line's quantity is shared among its lot rows (serials)."""
        return self._query(
            SQL(
                """
                SELECT so.id AS pos_order_id, so.partner_id, c.chain_store_id AS store_id, pl.chain_lot_id AS lot_id,
                       SUM(ol.qty / NULLIF(n.lots, 0)) AS quantity, MAX(so.date_order) AS date
                  FROM pos_pack_operation_lot pl
                  JOIN pos_order_line ol ON ol.id = pl.pos_order_line_id
                  JOIN (SELECT pos_order_line_id, COUNT(*) AS lots FROM pos_pack_operation_lot
                         WHERE pos_order_line_id IN (SELECT pos_order_line_id FROM pos_pack_operation_lot
                                                      WHERE chain_lot_id IN %(lots)s)
                         GROUP BY pos_order_line_id) n ON n.pos_order_line_id = ol.id
                  JOIN pos_order o ON o.id = ol.order_id AND o.state NOT IN ('draft', 'cancel')
                  LEFT JOIN pos_order_line rol ON rol.id = ol.refunded_orderline_id
                  JOIN pos_order so ON so.id = COALESCE(rol.order_id, o.id)
                  LEFT JOIN pos_config c ON c.id = so.config_id
                 WHERE pl.chain_lot_id IN %(lots)s
                 GROUP BY so.id, so.partner_id, c.chain_store_id, pl.chain_lot_id
                """,
                lots=lot_ids,
            )
        )

    def _trace_sales(self, lot_ids):
        """Deliveries to customers (sale and channel orders), net of returns; POS pickings excluded."""
        return self._query(
            SQL(
                """
                SELECT COALESCE(so.partner_id, p.partner_id) AS partner_id, so.id AS sale_order_id,
                       MIN(p.id) AS picking_id, ml.lot_id,
                       COALESCE(ws.chain_store_id, wd.chain_store_id) AS store_id,
                       SUM(CASE WHEN dst.usage = 'customer' THEN ml.quantity ELSE -ml.quantity END) AS quantity,
                       MAX(ml.date) AS date
                  FROM stock_move_line ml
                  JOIN stock_move m ON m.id = ml.move_id
                  JOIN stock_location src ON src.id = ml.location_id
                  JOIN stock_location dst ON dst.id = ml.location_dest_id
                  LEFT JOIN stock_picking p ON p.id = ml.picking_id
                  LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id
                  LEFT JOIN sale_order so ON so.id = sol.order_id
                  LEFT JOIN stock_warehouse ws ON ws.id = src.warehouse_id
                  LEFT JOIN stock_warehouse wd ON wd.id = dst.warehouse_id
                 WHERE ml.lot_id IN %s AND ml.state = 'done'
                   AND (dst.usage = 'customer' OR src.usage = 'customer')
                   AND p.pos_order_id IS NULL AND p.pos_session_id IS NULL
                 GROUP BY COALESCE(so.partner_id, p.partner_id), so.id, ml.lot_id,
                          COALESCE(ws.chain_store_id, wd.chain_store_id)
                """,
                lot_ids,
            )
        )

    def _trace_receipts(self, lot_ids):
        return self._query(
            SQL(
                """
                SELECT ml.picking_id, p.partner_id, ml.lot_id, w.chain_store_id AS store_id,
                       SUM(ml.quantity) AS quantity, MAX(ml.date) AS date
                  FROM stock_move_line ml
                  JOIN stock_location src ON src.id = ml.location_id AND src.usage = 'supplier'
                  JOIN stock_location dst ON dst.id = ml.location_dest_id
                  LEFT JOIN stock_warehouse w ON w.id = dst.warehouse_id
                  LEFT JOIN stock_picking p ON p.id = ml.picking_id
                 WHERE ml.lot_id IN %s AND ml.state = 'done'
                 GROUP BY ml.picking_id, p.partner_id, ml.lot_id, w.chain_store_id
                """,
                lot_ids,
            )
        )

    def _trace_unlinked_pos(self, lots):
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(*) FROM pos_pack_operation_lot pl
                  JOIN pos_order_line ol ON ol.id = pl.pos_order_line_id
                 WHERE pl.chain_lot_id IS NULL AND ol.product_id = %s AND pl.lot_name IN %s
                """,
                self.product_id.id,
                tuple(lots.mapped("name")),
            )
        )
        return self.env.cr.fetchone()[0]

    def _write_trace(self, stock, pos, sales, receipts, unlinked, started):
        summary = recall_trace.summarize(stock, pos, sales)
        # sudo: the trace is the recall manager's (or a drill's) view of every store
        recall = self.sudo()
        recall.stock_line_ids.unlink()
        recall.customer_line_ids.unlink()
        recall.receipt_line_ids.unlink()
        customers = summary["customers"]
        # sudo: contact details of every buyer, whoever may read the partner records
        partners = self.env["res.partner"].sudo().browse({vals["partner_id"] for vals in customers})
        contact = {p.id: {"phone": p.phone or p.mobile, "email": p.email} for p in partners}
        for vals in customers:
            vals.update(contact[vals["partner_id"]])
        # store tasks are kept (with their progress) when a store is traced again
        previous = {line.store_id.id: line for line in recall.store_line_ids}
        store_commands = [
            Command.update(previous.pop(store_id).id, totals)
            if store_id in previous
            else Command.create({"store_id": store_id, **totals})
            for store_id, totals in summary["stores"].items()
        ]
        store_commands += [Command.unlink(line.id) for line in previous.values()]
        recall.write(
            {
                "stock_line_ids": [
                    Command.create(
                        {key: row[key] for key in ("location_id", "lot_id", "store_id", "quantity", "in_quarantine")}
                    )
                    for row in stock
                ],
                "customer_line_ids": [Command.create(vals) for vals in customers],
                "receipt_line_ids": [
                    Command.create(
                        {
                            key: row[key]
                            for key in ("picking_id", "partner_id", "lot_id", "store_id", "quantity", "date")
                        }
                    )
                    for row in receipts
                ],
                "store_line_ids": store_commands,
                "store_ids": [Command.set(list(summary["stores"]))],
                "stock_qty": summary["stock_qty"],
                "sold_qty": summary["sold_qty"],
                "traced_qty": summary["traced_qty"],
                "anonymous_qty": summary["anonymous_qty"],
                "traced_ratio": summary["traced_ratio"],
                "unlinked_pos_line_count": unlinked,
                "traced_date": fields.Datetime.now(),
                "trace_ms": round((time.perf_counter() - started) * 1000),
            }
        )

    # -- actions -----------------------------------------------------------------

    def action_drill(self):
        """Run the trace without blocking or moving anything; report duration and completeness."""
        self._check_manager()
        for recall in self:
            if recall.state != "draft":
                raise UserError(_("A drill runs on a draft recall only."))
            recall._trace()
            recall.sudo().is_drill = True  # sudo: set by the trace of a manager checked above
            recall.message_post(
                body=_(
                    "Recall drill: traced in %(ms)s ms; %(stock)s in stock in %(stores)s stores, %(sold)s sold, "
                    "%(ratio)s%% to known customers, %(unlinked)s POS lines without lot link.",
                    ms=recall.trace_ms,
                    stock=recall.stock_qty,
                    stores=len(recall.store_ids),
                    sold=recall.sold_qty,
                    ratio=round(recall.traced_ratio, 1),
                    unlinked=recall.unlinked_pos_line_count,
                )
            )
        return True

    def _get_quarantine_quants(self, lots):
        """Hook: the quants a launch moves to quarantine (every store's stock of the lots)."""
        # sudo: a recall empties every store's shelves; the manager right is checked by the caller
        return (
            self.env["stock.quant"]
            .sudo()
            .search([("lot_id", "in", lots.ids), ("quantity", ">", 0), ("location_id.usage", "=", "internal")])
        )

    def action_launch(self):
        """Block the lots, quarantine their stock, trace and notify the stores, in one transaction.

        Recall managers only (group and access rights, checked here whatever the caller).
        """
        self._check_manager()
        for recall in self:
            if recall.state != "draft":
                raise UserError(_("Recall %s is already launched.", recall.name))
            lots = recall._resolve_lots()
            lots._chain_block(_("Recall %(name)s: %(reason)s", name=recall.name, reason=recall.reason))
            pickings = recall._get_quarantine_quants(lots)._chain_move_to_quarantine(_("Recall %s", recall.name))
            recall.sudo().write(  # sudo: launch fields are readonly; the manager right is checked above
                {
                    "state": "launched",
                    "launched_date": fields.Datetime.now(),
                    "launched_by_id": self.env.uid,
                    "picking_ids": [Command.set(pickings.ids)],
                }
            )
            recall._trace()  # after the quarantine, so the stock lines show where the stock is now
            recall.sudo().is_drill = False  # sudo: same as the launch fields
            recall._notify_stores()
            recall.message_post(
                body=_(
                    "Recall launched: %(lots)s blocked; %(stock)s in stock moved to quarantine in %(transfers)s "
                    "transfers; %(stores)s stores and %(customers)s customers to follow up.",
                    lots=", ".join(recall.lot_ids.mapped("name")),
                    stock=recall.stock_qty,
                    transfers=len(pickings),
                    stores=len(recall.store_line_ids),
                    customers=len(recall.customer_line_ids),
                )
            )
        return True

    def _notify_stores(self):
        activity_type = self.env.ref("chain_stock_recall.mail_activity_type_recall")
        for line in self.store_line_ids:
            manager = line.store_id.manager_id
            if manager:
                self.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=manager.id,
                    note=Markup("<p>%s</p>")
                    % _(
                        "%(store)s: confirm the shelf is cleared (%(qty)s in stock) and contact %(count)s customers.",
                        store=line.store_id.display_name,
                        qty=line.on_hand_qty,
                        count=line.customer_count,
                    ),
                )

    def action_close(self):
        """Close the recall once every store task and customer task is done or waived."""
        self._check_manager()
        for recall in self:
            if recall.state != "launched":
                raise UserError(_("Only a launched recall can be closed."))
            stores = recall.store_line_ids.filtered(lambda s: s.state not in DONE_STORE)
            customers = recall.customer_line_ids.filtered(lambda c: c.state not in DONE_CONTACT)
            if stores or customers:
                raise UserError(
                    _(
                        "Recall %(name)s still has open tasks.\nStores not cleared: %(stores)s\n"
                        "Customers without a return, refund or waiver: %(customers)s",
                        name=recall.name,
                        stores=", ".join(stores.store_id.mapped("display_name")) or "-",
                        customers=", ".join(customers.mapped("partner_id.display_name")) or "-",
                    )
                )
            recall.write({"state": "done", "closed_date": fields.Datetime.now()})
            recall.activity_ids.action_feedback(feedback=_("Recall closed."))
        return True

    def action_cancel(self):
        self._check_manager()
        if self.filtered(lambda r: r.state == "done"):
            raise UserError(_("A closed recall cannot be cancelled."))
        for recall in self.filtered(lambda r: r.state == "launched"):
            recall.message_post(
                body=_(
                    "Recall cancelled: its lots stay blocked and their stock in quarantine until an expiry "
                    "control manager unblocks them on the lot."
                )
            )
        self.write({"state": "cancel"})
        self.activity_ids.unlink()
        return True

    def action_export_xlsx(self):
        self._check_manager()
        return self.env.ref("chain_stock_recall.chain_recall_xlsx_report").report_action(self)

    def action_view_pickings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Quarantine Transfers"),
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "domain": [("id", "in", self.picking_ids.ids)],
            "context": {"create": False},
        }
