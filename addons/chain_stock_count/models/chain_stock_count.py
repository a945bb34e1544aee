from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_is_zero

from ..lib import variance
from .chain_stock_count_plan import KINDS

STATES = [
    ("draft", "Draft"),
    ("counting", "Counting"),
    ("recount", "Recount"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
# changed by the store manager (or HQ) only: a counter must not relax the recount rules
MANAGER_FIELDS = {"recount_qty", "recount_percent", "recount_value", "plan_id"}
# what is counted: fixed once the count has started (the snapshot was taken on it)
SCOPE_FIELDS = {"store_id", "location_ids", "categ_ids", "product_ids", "company_id"}


class ChainStockCount(models.Model):
    """A stock count (盘点) of one store, counted blind (盲盘).

    Flow: draft -> counting (:meth:`action_start` takes the snapshot of the expected quantities)
    -> recount (复盘, when lines differ beyond the thresholds) -> to approve -> approved
    (:meth:`action_approve`, a store manager) -> done (:meth:`action_apply` adjusts Odoo's stock
    and valuation by the variance) / cancelled. Counters never see the expected quantities nor
    the variance: those fields belong to the store managers' group.
    """

    _name = "chain.stock.count"
    _description = "Stock Count"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    # transitions are written by _chain_set_state (as superuser, after the caller's checks)
    _chain_guarded_fields = dict.fromkeys(
        (
            "state", "started_date", "started_by_id", "submitted_date", "approved_by_id", "approved_date",
            "done_date", "move_ids",
        ),
        ("_chain_set_state",),
    )  # fmt: skip
    _chain_store_field = "store_id"

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    store_id = fields.Many2one(
        "chain.store", required=True, index=True, tracking=True, check_company=True,
        default=lambda self: self.env.user.chain_store_id,
    )  # fmt: skip
    warehouse_id = fields.Many2one(related="store_id.warehouse_id")
    plan_id = fields.Many2one("chain.stock.count.plan", string="Plan", index=True, readonly=True, copy=False)
    kind = fields.Selection(KINDS, required=True, default="full")
    date = fields.Date(string="Planned Date", required=True, default=fields.Date.context_today, index=True)
    location_ids = fields.Many2many(
        "stock.location", string="Locations",
        domain="[('usage', '=', 'internal'), ('warehouse_id', '=', warehouse_id)]",
        help="Counted with their sub-locations. Empty: every location of the store.",
    )  # fmt: skip
    categ_ids = fields.Many2many("product.category", string="Product Categories",
                                 help="Counted with their sub-categories. Empty: every category.")  # fmt: skip
    product_ids = fields.Many2many("product.product", string="Products",
                                   help="Only these products (a cyclic count). Empty: every product.")  # fmt: skip
    abc_classes = fields.Char(string="ABC Classes", readonly=True, copy=False)
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, copy=False, tracking=True,
                             index=True)  # fmt: skip
    note = fields.Text()
    started_date = fields.Datetime(readonly=True, copy=False)
    started_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    submitted_date = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    done_date = fields.Datetime(string="Applied On", readonly=True, copy=False)
    recount_qty = fields.Float(
        string="Recount above (units)", digits="Product Unit of Measure",
        default=lambda self: self.env.company.chain_count_recount_qty,
    )  # fmt: skip
    recount_percent = fields.Float(
        string="Recount above (%)", default=lambda self: self.env.company.chain_count_recount_percent
    )
    recount_value = fields.Monetary(
        string="Recount above (value)", default=lambda self: self.env.company.chain_count_recount_value
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("chain.stock.count.line", "count_id", string="Lines", copy=False)
    line_count = fields.Integer(compute="_compute_line_stats", string="Lines to Count")
    counted_line_count = fields.Integer(compute="_compute_line_stats", string="Counted")
    recount_line_count = fields.Integer(compute="_compute_line_stats", string="To Recount")
    variance_line_count = fields.Integer(compute="_compute_variance", string="Lines with Variance",
                                         groups="chain_store.group_chain_store_manager")  # fmt: skip
    variance_value = fields.Monetary(compute="_compute_variance", string="Variance Value",
                                     groups="chain_store.group_chain_store_manager")  # fmt: skip
    move_ids = fields.Many2many("stock.move", string="Stock Adjustments", readonly=True, copy=False)

    @api.depends("line_ids.is_counted", "line_ids.recount_required", "line_ids.is_recounted")
    def _compute_line_stats(self):
        for count in self:
            lines = count.line_ids
            count.line_count = len(lines)
            count.counted_line_count = len(lines.filtered("is_counted"))
            count.recount_line_count = len(lines.filtered(lambda line: line.recount_required and not line.is_recounted))

    @api.depends("line_ids.variance_qty", "line_ids.variance_value")
    def _compute_variance(self):
        for count in self:
            lines = count.line_ids.filtered("variance_qty")
            count.variance_line_count = len(lines)
            count.variance_value = sum(lines.mapped("variance_value"))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if "state" in vals:
                    raise AccessError(_("The state of a count changes only through its buttons."))
                if MANAGER_FIELDS & set(vals) and not self._chain_is_manager(
                    self.env["chain.store"].browse(vals.get("store_id"))
                ):
                    raise AccessError(_("Only a store manager may set the recount thresholds of a count."))
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("chain.stock.count") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if "state" in vals:
                raise AccessError(_("The state of a count changes only through its buttons."))
            if MANAGER_FIELDS & set(vals):
                self._chain_check_manager()
        if SCOPE_FIELDS & set(vals) and any(count.state != "draft" for count in self):
            raise UserError(_("The store and scope of a count cannot change once it has started."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(count.state not in ("draft", "cancel") for count in self):
            raise UserError(_("Only draft or cancelled counts can be deleted."))

    # -- rights ------------------------------------------------------------------

    @api.model
    def _chain_is_manager(self, stores):
        """Whether the user manages every store of ``stores`` (store, region or chain manager)."""
        return self.env.su or self.env.user._chain_manages_stores(stores, all_of=True)

    def _chain_check_manager(self):
        """Raise AccessError unless the user manages the stores of these counts."""
        for count in self:
            if not self._chain_is_manager(count.store_id):
                raise AccessError(
                    _("Only a manager of store %s may approve, apply, cancel or reopen its counts.",
                      count.store_id.display_name)
                )  # fmt: skip

    def _chain_set_state(self, vals):
        """Write a transition checked by the caller (rights and current state)."""
        self.check_access("write")
        # sudo: counters may not write the state themselves (see write), only through the buttons
        self.sudo().write(vals)

    # -- approval hooks --------------------------------------------------------------

    def _chain_approval_required(self):
        """Hook: whether a submitted count waits for an approval (the company setting).

        Off, the count is approved on submission and the store manager's *Apply* is the review.
        """
        self.ensure_one()
        return self.company_id.chain_count_approval

    # -- snapshot ----------------------------------------------------------------------

    def _snapshot_query(self):
        """The query of the expected quantities: one row per location, product and lot of the
        count's scope with a non-zero on-hand quantity (storable products, internal locations
        of the store's warehouse)."""
        self.ensure_one()
        conditions = [SQL("l.warehouse_id = %s", self.warehouse_id.id), SQL("t.is_storable")]
        if self.location_ids:
            conditions.append(SQL("l.parent_path LIKE ANY(%s)", [loc.parent_path + "%" for loc in self.location_ids]))
        if self.categ_ids:
            conditions.append(SQL("c.parent_path LIKE ANY(%s)", [categ.parent_path + "%" for categ in self.categ_ids]))
        if self.product_ids:
            conditions.append(SQL("q.product_id IN %s", tuple(self.product_ids.ids)))
        return SQL(
            """
            SELECT q.location_id, q.product_id, q.lot_id, SUM(q.quantity) AS quantity
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
              JOIN product_product p ON p.id = q.product_id
              JOIN product_template t ON t.id = p.product_tmpl_id
              JOIN product_category c ON c.id = t.categ_id
             WHERE %s
             GROUP BY q.location_id, q.product_id, q.lot_id
            HAVING SUM(q.quantity) <> 0
            """,
            SQL(" AND ").join(conditions),
        )

    def _snapshot(self):
        """Set the expected quantity of every line from the stock, in one query.

        Lines already there (a count started again) keep what was counted; snapshot lines no
        longer in stock and not counted go; new stock gets new lines.
        """
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(self._snapshot_query())
        expected = {(loc, product, lot or False): qty for loc, product, lot, qty in self.env.cr.fetchall()}
        # sudo: the expected quantities are hidden from the counters who start the count
        lines = self.line_ids.sudo()
        stale = lines.browse()
        for line in lines:
            qty = expected.pop((line.location_id.id, line.product_id.id, line.lot_id.id), 0.0)
            if not qty and not line.is_counted and not line.is_unexpected:
                stale |= line
            elif line.expected_qty != qty:
                line.expected_qty = qty
        stale.unlink()
        lines.create(
            [
                {"count_id": self.id, "location_id": loc, "product_id": product, "lot_id": lot, "expected_qty": qty}
                for (loc, product, lot), qty in expected.items()
            ]
        )

    # -- transitions ---------------------------------------------------------------------

    def action_start(self):
        """Draft -> counting: take the snapshot of the expected quantities."""
        for count in self:
            if count.state != "draft":
                raise UserError(_("Count %s has already started.", count.name))
            if not count.warehouse_id:
                raise UserError(_("Store %s has no warehouse: it has no stock to count.", count.store_id.display_name))
            count.check_access("write")
            count._snapshot()
            count._chain_set_state(
                {"state": "counting", "started_date": fields.Datetime.now(), "started_by_id": self.env.uid}
            )
        return True

    def action_submit(self):
        """Counting -> recount when lines differ beyond the thresholds, else -> to approve (or
        approved when the company does not approve counts); recount -> to approve once every
        line asked for has been recounted."""
        for count in self:
            count.check_access("write")
            if count.state == "counting":
                count._chain_check_counted()
                if count._chain_flag_recounts():
                    continue
            elif count.state == "recount":
                missing = count.line_ids.filtered(lambda line: line.recount_required and not line.is_recounted)
                if missing:
                    raise UserError(
                        _(
                            "Recount these lines before submitting count %(count)s: %(lines)s",
                            count=count.name,
                            lines=missing._chain_describe(),
                        )
                    )
            else:
                raise UserError(_("Count %s is not being counted: start it first.", count.name))
            state = "to_approve" if count._chain_approval_required() else "approved"
            count._chain_set_state({"state": state, "submitted_date": fields.Datetime.now()})
        return True

    def _chain_check_counted(self):
        uncounted = self.line_ids.filtered(lambda line: not line.is_counted)
        if uncounted:
            raise UserError(
                _(
                    "Count %(count)s has lines not counted yet: %(lines)s. Count them, or use "
                    '"Uncounted = 0" if they were not found.',
                    count=self.name,
                    lines=uncounted._chain_describe(),
                )
            )

    def _chain_flag_recounts(self):
        """Mark the lines whose variance exceeds the thresholds; True when there are some."""
        self.ensure_one()
        # sudo: the decision reads the expected quantities, hidden from the counter who submits
        lines = self.line_ids.sudo()
        flagged = lines.filtered(
            lambda line: variance.needs_recount(
                line.expected_qty, line.counted_qty, line.standard_price,
                self.recount_qty, self.recount_percent, self.recount_value,
            )
        )  # fmt: skip
        if not flagged:
            return False
        flagged.write({"recount_required": True})
        self._chain_set_state({"state": "recount"})
        self.message_post(body=_("%s lines must be recounted before the count is submitted.", len(flagged)))
        return True

    def action_set_uncounted_zero(self):
        """Record every line not counted yet as found at zero."""
        for count in self:
            lines = count.line_ids.filtered(lambda line: not line.is_counted)
            lines.write({"counted_qty": 0.0})
        return True

    def action_approve(self):
        for count in self:
            if count.state != "to_approve":
                raise UserError(_("Count %s is not waiting for an approval.", count.name))
            count._chain_check_manager()
            count._chain_set_state(
                {"state": "approved", "approved_by_id": self.env.uid, "approved_date": fields.Datetime.now()}
            )
        return True

    def action_apply(self):
        """Approved -> done: adjust the stock (and its valuation) by the counted variance."""
        for count in self:
            if count.state != "approved":
                raise UserError(_("Count %s must be approved before its variance is applied.", count.name))
            count._chain_check_manager()
            moves = count._chain_apply_variance()
            count._chain_set_state(
                {"state": "done", "done_date": fields.Datetime.now(), "move_ids": [Command.set(moves.ids)]}
            )
        return True

    def _chain_apply_variance(self):
        """Adjust the quants by each line's variance through Odoo's inventory adjustment.

        The variance (counted - expected at the start) is added to the quant as it is now, so that
        sales made while counting are not undone; with no sale since, the quant ends at the counted
        quantity. The moves go to (or come from) the product's inventory loss location and are
        valued by ``stock_account`` like any inventory adjustment. Lots are kept.

        :return: the inventory ``stock.move`` records created.
        """
        self.ensure_one()
        # sudo: variance figures are the managers' and the caller checked this is one (quants
        # and inventory adjustments are reserved to Odoo stock managers, store managers are not)
        lines = self.line_ids.sudo().filtered(
            lambda line: not float_is_zero(line.variance_qty, precision_rounding=line.uom_id.rounding)
        )
        Move = self.env["stock.move"].sudo()
        if not lines:
            return Move
        Quant = (
            self.env["stock.quant"].sudo().with_context(inventory_mode=True, inventory_name=_("Count %s", self.name))
        )
        last_move = Move.search([], order="id desc", limit=1).id or 0
        quants = Quant
        for line in lines:
            quant = Quant._gather(line.product_id, line.location_id, lot_id=line.lot_id, strict=True)[:1]
            target = quant.quantity + line.variance_qty
            if quant:
                quant.inventory_quantity = target
            else:
                quant = Quant.create(
                    {
                        "product_id": line.product_id.id,
                        "location_id": line.location_id.id,
                        "lot_id": line.lot_id.id,
                        "inventory_quantity": target,
                    }
                )
            quants |= quant
        quants._apply_inventory()
        return Move.search([("id", ">", last_move), ("is_inventory", "=", True), ("state", "=", "done")])

    def action_cancel(self):
        for count in self:
            if count.state == "done":
                raise UserError(_("Count %s has been applied: it cannot be cancelled.", count.name))
            if count.state != "draft":
                count._chain_check_manager()
            count._chain_set_state({"state": "cancel"})
        self._chain_withdraw_approvals(_("Withdrawn: the count was cancelled."))
        return True

    def action_reset_draft(self):
        """Back to draft, counted quantities kept; starting again takes a new snapshot."""
        for count in self:
            if count.state == "done":
                raise UserError(_("Count %s has been applied: it cannot go back to draft.", count.name))
            count._chain_check_manager()
            # sudo: recount flags and recount quantities are the count's own figures
            count.line_ids.sudo().write({"recount_required": False, "recount_qty": 0.0, "is_recounted": False})
            count._chain_set_state({"state": "draft", "approved_by_id": False, "approved_date": False})
        self._chain_withdraw_approvals(_("Withdrawn: the count went back to draft."))
        return True

    def _chain_withdraw_approvals(self, reason):
        """Cancel the approvals still pending for these counts (chain_approval, when installed)."""
        Request = self.env.get("chain.approval.request")
        if Request is not None:
            Request._chain_withdraw(self, reason)

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: ``request`` was cancelled or rejected; a count waiting for it goes back to
        draft (counted quantities kept), so that it never waits for nobody."""
        for count in self.filtered(lambda c: c.state == "to_approve"):
            count.action_reset_draft()
            count.message_post(body=_("The approval was cancelled or rejected: the count is back to draft."))

    # -- UI ----------------------------------------------------------------------------------

    def _chain_notify_store_managers(self):
        for count in self.filtered("store_id.manager_id"):
            count.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=count.date,
                user_id=count.store_id.manager_id.id,
                summary=_("Stock count %s to do", count.name),
            )

    def _action_view(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_stock_count.chain_stock_count_action")
        if len(self) == 1:
            action.update(views=[(False, "form")], res_id=self.id)
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def action_open_lines(self):
        """The lines to count, as cards (phone) or a list."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_stock_count.chain_stock_count_line_action")
        action["domain"] = [("count_id", "=", self.id)]
        action["context"] = {"default_count_id": self.id}
        action["name"] = _("Count %s", self.name)
        return action

    def action_open_scan(self):
        """The scan screen: scan or type a product and lot, add the quantity found."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Scan"),
            "res_model": "chain.stock.count.scan",
            "view_mode": "form",
            "target": "new",
            "context": {"default_count_id": self.id},
        }

    def action_view_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.stock_move_action")
        action["domain"] = [("id", "in", self.move_ids.ids)]
        action["context"] = {}
        return action
