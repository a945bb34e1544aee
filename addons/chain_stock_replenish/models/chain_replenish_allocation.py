from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from ..lib import allocation as allocation_lib


class ChainReplenishAllocation(models.Model):
    """The distribution centre's allocation (配货): who gets what of the DC's stock.

    Pull: loads the approved store requisitions the DC has not served yet. Push: HQ enters
    what it sends to stores that asked nothing. Either way :meth:`action_allocate` shares
    each product's sellable DC stock among the lines (``lib/allocation``), the allocator may
    adjust, then :meth:`action_done` confirms the requests so that Odoo creates the DC
    shipments, and turns the shortfalls into purchase suggestions.

    Flow: draft -> to approve (when the company approves allocations) -> approved -> done / cancelled.
    """

    _name = "chain.replenish.allocation"
    _description = "DC Allocation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _chain_guarded_fields = {
        "state": ("action_submit", "action_approve", "action_reset_draft", "action_cancel", "action_done"),
        "approved_by_id": ("action_approve", "action_reset_draft"),
    }
    # the distribution centre (a chain.store) it serves from, and the stores it serves
    _chain_store_field = ("dc_id", "line_ids.store_id")

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    dc_id = fields.Many2one(
        "chain.store", string="Distribution Centre", required=True, index=True, tracking=True, check_company=True,
        domain="[('kind', '=', 'dc')]", default=lambda self: self._default_dc(),
    )  # fmt: skip
    origin = fields.Selection(
        [("pull", "Store requisitions"), ("push", "HQ allocation")],
        required=True, default="pull", tracking=True,
        help="Store requisitions: serve what the stores asked (要货). HQ allocation: push goods to stores (配货).",
    )  # fmt: skip
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Shipped"),
            ("cancel", "Cancelled"),
        ],
        required=True, default="draft", readonly=True, copy=False, tracking=True, index=True,
    )  # fmt: skip
    line_ids = fields.One2many("chain.replenish.allocation.line", "allocation_id", string="Lines", copy=True)
    purchase_line_ids = fields.One2many(
        "chain.replenish.purchase.line", "allocation_id", string="Purchase Suggestions", readonly=True
    )
    order_ids = fields.One2many("stock.request.order", "chain_allocation_id", string="Requisitions", readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    requested_qty = fields.Float(compute="_compute_totals", digits="Product Unit of Measure", string="Requested")
    allocated_qty = fields.Float(compute="_compute_totals", digits="Product Unit of Measure", string="Allocated")
    note = fields.Text()

    @api.model
    def _default_dc(self):
        return self.env["chain.store"].search([("kind", "=", "dc")], limit=1)

    @api.depends("line_ids.requested_qty", "line_ids.allocated_qty")
    def _compute_totals(self):
        """The sums of the lines the user may read (the record rules): a region manager's totals
        are those of their regions' stores, never the other regions' figures. An allocation
        being edited (not saved yet) sums the lines of the form."""
        saved = self.filtered("id")
        groups = self.env["chain.replenish.allocation.line"]._read_group(
            [("allocation_id", "in", saved.ids)], ["allocation_id"], ["requested_qty:sum", "allocated_qty:sum"]
        )
        totals = {allocation.id: (requested, allocated) for allocation, requested, allocated in groups}
        for allocation in self:
            if allocation.id:
                allocation.requested_qty, allocation.allocated_qty = totals.get(allocation.id, (0.0, 0.0))
            else:
                allocation.requested_qty = sum(allocation.line_ids.mapped("requested_qty"))
                allocation.allocated_qty = sum(allocation.line_ids.mapped("allocated_qty"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("chain.replenish.allocation") or _("New")
        return super().create(vals_list)

    def web_read(self, specification):
        """The form shows the lines the user may read (a region manager: their regions'). An
        x2many value holds every line whatever the rules; Odoo's ``web_read`` drops the lines
        the user cannot read when it reads them in an order, so the lines are read in theirs."""
        lines = specification.get("line_ids")
        if lines and not lines.get("order"):
            order = self.env["chain.replenish.allocation.line"]._order
            specification = {**specification, "line_ids": {**lines, "order": order}}
        return super().web_read(specification)

    def write(self, vals):
        # the chatter (messages, activities) stays open to whoever reads the allocation
        if any(not name.startswith(("message_", "activity_")) for name in vals):
            self._chain_check_all_lines()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(allocation.state == "done" for allocation in self):
            raise UserError(_("A shipped allocation cannot be deleted."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_other_stores(self):
        self._chain_check_all_lines()

    # -- rights -----------------------------------------------------------------

    @api.model
    def _chain_check_allocator(self):
        """Raise AccessError unless the user may allocate DC stock: a region manager or HQ."""
        if self.env.su or self.env.user.has_group("chain_store.group_chain_region_manager"):
            return
        raise AccessError(_("Only a region manager or headquarters may allocate the distribution centre's stock."))

    def _chain_check_all_lines(self):
        """Raise AccessError when the user does not see every line of these allocations.

        A region manager sees the lines to their regions' stores only (the record rules), and
        the allocation's totals are the sums of those lines. An allocation that also serves
        other regions is allocated, changed, approved, shipped or deleted by someone who sees
        all of it (headquarters, the DC), never by one region on behalf of the others."""
        saved = self.filtered("id")
        if self.env.su or not saved:
            return
        Line = self.env["chain.replenish.allocation.line"]
        domain = [("allocation_id", "in", saved.ids)]
        # a search, not line_ids: the rules filter a search (x2many values may come from a cache
        # filled by another user); sudo: the lines hidden from the user are counted, not read
        seen = {allocation.id: count for allocation, count in Line._read_group(domain, ["allocation_id"], ["__count"])}
        for allocation, count in Line.sudo()._read_group(domain, ["allocation_id"], ["__count"]):
            if seen.get(allocation.id, 0) != count:
                raise AccessError(
                    _(
                        "Allocation %s also serves stores outside yours: headquarters handles it.",
                        allocation.name,
                    )
                )

    @api.model
    def _chain_check_manager(self, stores):
        """Raise AccessError unless the user manages one of ``stores`` (or its region, or the chain)."""
        if not self.env.su and not self.env.user._chain_manages_stores(stores):
            # sudo: the names of the stores, to say whose manager is needed
            names = ", ".join(stores.sudo().mapped("display_name"))
            raise AccessError(_("Only a manager of %s may do this.", names))

    # -- loading and allocating -------------------------------------------------

    def _chain_served_stores(self):
        """Stores supplied by this allocation's DC (their own setting, else the company's first DC)."""
        self.ensure_one()
        # sudo: the DC serves every store it supplies, whatever the region of the allocator
        Store = self.env["chain.store"].sudo()
        stores = Store.search([("kind", "!=", "dc"), ("company_id", "=", self.company_id.id)])
        default_dc = Store.search([("kind", "=", "dc"), ("company_id", "=", self.company_id.id)], limit=1)
        return stores.filtered(
            lambda store: (
                store.replenish_dc_id == self.dc_id or (not store.replenish_dc_id and default_dc == self.dc_id)
            )
        )

    def _get_open_request_domain(self):
        """Hook: domain of the requisition lines this allocation serves."""
        self.ensure_one()
        return [
            ("order_id.chain_state", "=", "approved"),
            ("state", "=", "draft"),
            ("chain_store_id", "in", self._chain_allocated_stores().ids),
        ]

    def _chain_allocated_stores(self):
        """Hook: the served stores (``_chain_served_stores``) whose requisitions the user
        allocates: those they see, i.e. every one for headquarters and the DC, their regions'
        stores for a region manager."""
        stores = self._chain_served_stores()
        return stores if self.env.su else stores & self.env.user.chain_visible_store_ids

    def action_load_requests(self):
        """Add the approved requisition lines of the DC's stores that no open allocation holds yet."""
        self._chain_check_allocator()
        for allocation in self:
            if allocation.state != "draft" or allocation.origin != "pull":
                raise UserError(_("Requisitions are loaded into a draft allocation of store requisitions."))
            # sudo: see _chain_served_stores; the allocator was checked above
            requests = self.env["stock.request"].sudo().search(allocation._get_open_request_domain())
            held = (
                self.env["chain.replenish.allocation.line"]
                .sudo()
                .search([("request_id", "in", requests.ids), ("allocation_id.state", "not in", ("done", "cancel"))])
            )
            requests -= held.request_id
            allocation.write({"line_ids": [Command.create(allocation._prepare_line_vals(r)) for r in requests]})
        return True

    def _prepare_line_vals(self, request):
        """Hook: values of the allocation line serving ``request``."""
        return {
            "request_id": request.id,
            "store_id": request.chain_store_id.id,
            "product_id": request.product_id.id,
            "requested_qty": request.product_qty,
        }

    def _chain_minimums(self):
        """Min of the stores' min/max rules for the lines' products: ``{(store_id, product_id): min}``."""
        lines = self.line_ids
        rules = self.env["chain.replenish.suggestion"]._chain_orderpoints(lines.store_id, lines.product_id)
        return {key: min_qty for key, (min_qty, _max_qty) in rules.items()}

    def action_allocate(self):
        """Share each product's sellable DC stock among the lines, by the product's shortage rule."""
        self._chain_check_allocator()
        self._chain_check_all_lines()
        Suggestion = self.env["chain.replenish.suggestion"]
        for allocation in self:
            if allocation.state != "draft":
                raise UserError(_("Allocation %s is not a draft.", allocation.name))
            lines = allocation.line_ids
            if not lines:
                raise UserError(_("Allocation %s has no line to allocate.", allocation.name))
            products = lines.product_id
            # sudo: the DC's stock is read for the allocation, whoever runs it
            available = products.sudo()._chain_sellable_qty(allocation.dc_id.sudo())
            packs = Suggestion._chain_pack_sizes(products)
            minimums = allocation._chain_minimums()
            lines_by_product = defaultdict(list)
            for line in lines:
                lines_by_product[line.product_id].append(line)
            results = defaultdict(list)  # (qty, reason) -> line ids: one write per distinct result
            for product, product_lines in lines_by_product.items():
                demands = [
                    allocation_lib.Demand(
                        line.id,
                        line.requested_qty,
                        line.store_id.replenish_priority,
                        minimums.get((line.store_id.id, product.id), 0.0),
                    )
                    for line in product_lines
                ]
                result = allocation_lib.allocate(
                    available.get((product.id, allocation.dc_id.id), 0.0),
                    demands,
                    rule=product.chain_allocation_rule,
                    pack_size=packs.get(product.id, 1.0),
                )
                for line_id, share in result.items():
                    results[share].append(line_id)
            Line = self.env["chain.replenish.allocation.line"]
            for (qty, reason), line_ids in results.items():
                Line.browse(line_ids).write({"allocated_qty": qty, "cut_reason": reason})
        return True

    # -- approval -----------------------------------------------------------------

    def _chain_approval_required(self):
        """Hook: whether submitted allocations wait for an approval (the company setting)."""
        self.ensure_one()
        return self.company_id.chain_allocation_approval

    def action_submit(self):
        for allocation in self:
            if allocation.state != "draft":
                raise UserError(_("Allocation %s is not a draft.", allocation.name))
            if not allocation.line_ids:
                raise UserError(_("Allocation %s has no line to allocate.", allocation.name))
            if any(not line.cut_reason for line in allocation.line_ids):
                allocation.action_allocate()
            allocation.state = "to_approve" if allocation._chain_approval_required() else "approved"
        return True

    def action_approve(self):
        for allocation in self:
            if allocation.state != "to_approve":
                raise UserError(_("Allocation %s is not waiting for an approval.", allocation.name))
            allocation._chain_check_manager(allocation.dc_id | allocation.line_ids.store_id)
            allocation.write({"state": "approved", "approved_by_id": self.env.user.id})
        return True

    def action_reset_draft(self):
        for allocation in self:
            if allocation.state not in ("to_approve", "approved", "cancel"):
                raise UserError(
                    _("Allocation %s has been shipped: it can no longer go back to draft.", allocation.name)
                )
            allocation.write({"state": "draft", "approved_by_id": False})
        self._chain_withdraw_approvals(_("Withdrawn: the allocation went back to draft."))
        return True

    def action_cancel(self):
        for allocation in self:
            if allocation.state == "done":
                raise UserError(_("Allocation %s has been shipped: it cannot be cancelled.", allocation.name))
            allocation.state = "cancel"
        self._chain_withdraw_approvals(_("Withdrawn: the allocation was cancelled."))
        return True

    def _chain_withdraw_approvals(self, reason):
        """Cancel the approvals still pending for these allocations (chain_approval, when installed)."""
        Request = self.env.get("chain.approval.request")
        if Request is not None and self:
            Request._chain_withdraw(self, reason)

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: ``request`` was cancelled or rejected; an allocation waiting for it goes
        back to draft (to be submitted again), so that it never waits for nobody."""
        for allocation in self.filtered(lambda a: a.state == "to_approve"):
            allocation.action_reset_draft()
            allocation.message_post(body=_("The approval was cancelled or rejected: the allocation is back to draft."))

    # -- shipping -----------------------------------------------------------------

    def _chain_check_available(self):
        """Raise UserError when the lines allocate more of a product than the DC can sell."""
        self.ensure_one()
        totals = defaultdict(float)
        for line in self.line_ids:
            totals[line.product_id] += line.allocated_qty
        products = self.line_ids.product_id
        # sudo: see action_allocate
        available = products.sudo()._chain_sellable_qty(self.dc_id.sudo())
        for product, qty in totals.items():
            stock = available.get((product.id, self.dc_id.id), 0.0)
            if float_compare(qty, stock, precision_rounding=product.uom_id.rounding) > 0:
                raise UserError(
                    _(
                        "%(dc)s can ship %(stock)s of %(product)s, not the %(qty)s allocated.",
                        dc=self.dc_id.name,
                        stock=stock,
                        product=product.display_name,
                        qty=qty,
                    )
                )

    def action_done(self):
        """Ship the allocation: confirm the served requests (Odoo creates the DC -> transit -> store
        transfers), cancel the unserved ones, and turn shortfalls into purchase suggestions."""
        self._chain_check_allocator()
        self._chain_check_all_lines()
        for allocation in self:
            if allocation.state != "approved":
                raise UserError(_("Allocation %s must be approved before it ships.", allocation.name))
            allocation._chain_check_available()
            # sudo: the allocator serves stores outside their own (see _chain_served_stores); the
            # procurement creates the DC's and the stores' transfers
            allocation.sudo()._chain_ship()
            allocation.state = "done"
        return True

    def _chain_ship(self):
        self.ensure_one()
        push_lines = self.line_ids.filtered(lambda line: not line.request_id)
        if push_lines:
            self._chain_create_push_orders(push_lines)
        lines = self.line_ids.filtered("request_id")
        for line in lines:
            line.request_id.write(
                {
                    "chain_allocated_qty": line.allocated_qty,
                    "chain_cut_reason": line.cut_reason,
                    "chain_requested_qty": line.request_id.chain_requested_qty or line.requested_qty,
                }
            )
        lines.filtered(lambda line: line.allocated_qty <= 0).request_id.action_cancel()
        served = lines.filtered(lambda line: line.allocated_qty > 0)
        for line in served:
            line.request_id.product_uom_qty = line.allocated_qty
        served.request_id.action_confirm()
        orders = lines.request_id.order_id
        finished = orders.filtered(lambda order: all(r.state != "draft" for r in order.stock_request_ids))
        finished.write({"chain_state": "done", "chain_allocation_id": self.id})
        self._chain_create_purchase_lines()

    def _chain_create_push_orders(self, lines):
        """One approved requisition of origin "push" per store, for what HQ sends."""
        Order = self.env["stock.request.order"]
        for store in lines.store_id:
            store_lines = lines.filtered(lambda line, store=store: line.store_id == store and line.allocated_qty > 0)
            if not store_lines:
                continue
            route = store._chain_replenish_route()
            warehouse = store.warehouse_id
            order = Order.create(
                {
                    "warehouse_id": warehouse.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "company_id": self.company_id.id,
                    "chain_origin": "push",
                    "chain_state": "approved",
                    "chain_allocation_id": self.id,
                    "stock_request_ids": [
                        Command.create(
                            {
                                "product_id": line.product_id.id,
                                "product_uom_id": line.product_id.uom_id.id,
                                "product_uom_qty": line.allocated_qty,
                                "warehouse_id": warehouse.id,
                                "location_id": warehouse.lot_stock_id.id,
                                "company_id": self.company_id.id,
                                "route_id": route.id,
                                "chain_requested_qty": line.requested_qty,
                                "chain_allocated_qty": line.allocated_qty,
                                "chain_cut_reason": line.cut_reason,
                            }
                        )
                        for line in store_lines
                    ],
                }
            )
            order.action_confirm()
            order.chain_state = "done"
            for line, request in zip(store_lines, order.stock_request_ids.sorted("id"), strict=True):
                line.request_id = request

    def _chain_create_purchase_lines(self):
        """What the stores asked and the DC could not ship, per product, with its first supplier."""
        self.ensure_one()
        shortfall = defaultdict(float)
        for line in self.line_ids:
            if line.requested_qty > line.allocated_qty:
                shortfall[line.product_id] += line.requested_qty - line.allocated_qty
        vals_list = [
            {
                "allocation_id": self.id,
                "company_id": self.company_id.id,
                "product_id": product.id,
                "partner_id": product.seller_ids[:1].partner_id.id,
                "qty": qty,
            }
            for product, qty in shortfall.items()
            if float_compare(qty, 0, precision_rounding=product.uom_id.rounding) > 0
        ]
        return self.env["chain.replenish.purchase.line"].create(vals_list)
