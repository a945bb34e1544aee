import contextlib
import contextvars
import logging

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_is_zero, groupby

from odoo.addons.chain_store.lib import guard

_logger = logging.getLogger(__name__)

# Issues no mode lets through: an untraceable unit, or a lot held for a recall.
ALWAYS_REFUSED = frozenset({"missing_lot", "blocked"})
# States of an order whose sale is recorded (Odoo's, after payment).
SOLD_STATES = ("paid", "done", "invoiced")
# What the server decides about an order, never taken from what a till sends.
SERVER_ORDER_FIELDS = ("chain_expiry_state", "chain_expiry_message")

# Ids of the orders whose lots the server has cleared in the running call (the lot rule passed
# at sync, or a store manager accepted them): only those may be marked paid. Server state, never
# the ORM context a client sends (see chain_store's lib/guard.py).
_CLEARED_ORDERS = contextvars.ContextVar("chain_pos_expiry_cleared_orders", default=frozenset())


@contextlib.contextmanager
def _lots_cleared(orders):
    token = _CLEARED_ORDERS.set(_CLEARED_ORDERS.get() | set(orders.ids))
    try:
        yield
    finally:
        _CLEARED_ORDERS.reset(token)


class PosOrder(models.Model):
    _name = "pos.order"
    _inherit = ["pos.order", "mail.activity.mixin"]  # the store manager gets a to-do per refused order

    chain_expiry_state = fields.Selection(
        [("refused", "Refused (lot)"), ("flagged", "Flagged (lot)"), ("overridden", "Manager override")],
        string="Lot Check",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Refused: the order sold a lot it may not sell; it is kept as a draft, its stock has not "
        "moved, and a store manager accepts or cancels it. Flagged: it was let through for review. "
        "Manager override: a store manager allowed a refused lot at the till.",
    )
    chain_expiry_message = fields.Text(string="Lot Check Message", readonly=True, copy=False)

    # The lot check is the server's verdict: only the rule at sync and the store manager's
    # decisions change it. Odoo's ``state`` is guarded by targeted checks (see ``write``):
    # a refused order changes state only through the store manager's actions, and no order
    # becomes paid without its lots being cleared.
    _chain_guarded_fields = {
        "chain_expiry_state": ("_chain_apply_lot_rule", "_chain_accept_refused", "action_chain_cancel_refused"),
        "chain_expiry_message": ("_chain_apply_lot_rule", "_chain_accept_refused", "action_chain_cancel_refused"),
    }
    _chain_store_field = "config_id.chain_store_id"

    # -- the lot check's guards ------------------------------------------------------

    def _chain_is_refused(self):
        """Whether this order waits for a store manager's decision on its lots."""
        self.ensure_one()
        return self.state == "draft" and self.chain_expiry_state == "refused"

    def _chain_check_state_change(self, state):
        """Refuse, outside the server's own paths, moving these orders to ``state``: a refused
        order (only the store manager's *Accept Lots* / *Cancel Refused Order* decide it), or
        a draft order to a sold state without its lots being cleared (``action_pos_order_paid``
        judges them)."""
        if self.env.su:
            return
        deciding = guard.is_allowed(self._name, "chain_expiry_state")
        cleared = _CLEARED_ORDERS.get()
        for order in self:
            if order.state == state:
                continue
            if order._chain_is_refused() and not deciding:
                raise AccessError(
                    _(
                        "Order %s was refused for its lots: only a store manager of its store can accept "
                        "or cancel it (Point of Sale > Orders > Orders Refused for Lots).",
                        order.name,
                    )
                )
            if state in SOLD_STATES and order.state == "draft" and order.id not in cleared:
                raise AccessError(
                    _("Order %s can only be paid through its payment, which checks its lots.", order.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        # the guard (chain_store's base) runs below Odoo's create, which needs a session first:
        # refuse a forged lot check here, before anything else
        blocked = self._chain_guard_blocked({name for vals in vals_list for name in vals if vals[name]})
        if blocked:
            self._chain_guard_refuse(blocked)
        if not self.env.su and any(vals.get("state") in SOLD_STATES for vals in vals_list):
            raise AccessError(
                _("A POS order is created as a draft and paid through its payment, which checks its lots.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state"):
            self._chain_check_state_change(vals["state"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_chain_refused(self):
        if self.env.su:
            return
        refused = self.filtered(lambda order: order._chain_is_refused())
        if refused:
            raise AccessError(
                _("Order %s was refused for its lots: a store manager cancels it, it is not deleted.", refused[0].name)
            )

    @api.model
    def remove_from_ui(self, server_ids):
        # a till deleting its orders leaves the refused ones to the store manager
        refused = self.search(
            [("id", "in", server_ids), ("state", "=", "draft"), ("chain_expiry_state", "=", "refused")]
        )
        return super().remove_from_ui([order_id for order_id in server_ids if order_id not in refused.ids])

    def action_pos_order_paid(self):
        """Mark the order paid (Odoo). Its lots must be cleared first: at sync, the lot rule
        runs before (``_process_saved_order``); called on its own (a client's RPC), the rule
        runs here and a refused order, or one whose lots the rule refuses, raises."""
        if self.id not in _CLEARED_ORDERS.get() and not self.env.su:
            if self._chain_is_refused():
                raise UserError(
                    _("Order %s was refused for its lots: a store manager accepts or cancels it.", self.name)
                )
            if self.state == "draft" and self._chain_apply_lot_rule():
                raise UserError(
                    _(
                        "Order %(order)s cannot be paid:\n%(message)s",
                        order=self.name,
                        message=self.chain_expiry_message,
                    )
                )
        with _lots_cleared(self):
            return super().action_pos_order_paid()

    @api.model
    def sync_from_ui(self, orders):
        # A till back online after a spell offline sends its whole backlog in one call. In real
        # time Odoo makes and validates each order's picking on its own, which is most of the
        # sync: here the backlog's pickings are made and validated together once every order
        # is saved (still one per order, as Odoo makes them; see _chain_create_pickings).
        # (context chain_pos_picking_batch=False: one picking at a time, as Odoo does)
        if len(orders) < 2 or self.env.context.get("chain_pos_picking_batch") is not None:
            return super().sync_from_ui(orders)
        batch = []
        result = super(PosOrder, self.with_context(chain_pos_picking_batch=batch)).sync_from_ui(orders)
        if not batch:
            return result
        deferred = self.browse(batch)
        deferred._chain_create_pickings()
        deferred._compute_total_cost_in_real_time()
        # the answer was read before the pickings existed
        synced = self.browse([order["id"] for order in result.get("pos.order", [])])
        config_id = synced.config_id.ids[0] if synced else False
        return synced.read_pos_data(orders, config_id)

    def _chain_batches_picking(self):
        """Whether this order's picking waits for the rest of the backlog (see sync_from_ui):
        Odoo's plain real-time picking, not an invoice's or a later shipping's."""
        return (
            isinstance(self.env.context.get("chain_pos_picking_batch"), list)
            and not self.shipping_date
            and not self.to_invoice
            and self._should_create_picking_real_time()
        )

    def _create_order_picking(self):
        if self._chain_batches_picking():
            self.env.context["chain_pos_picking_batch"].append(self.id)
            return None
        return super()._create_order_picking()

    def _compute_total_cost_in_real_time(self):
        # an order whose picking waits for the backlog gets its cost once the picking is done
        batch = self.env.context.get("chain_pos_picking_batch")
        waiting = set(batch) if isinstance(batch, list) else ()
        return super(PosOrder, self.filtered(lambda order: order.id not in waiting))._compute_total_cost_in_real_time()

    def _chain_create_pickings(self):
        """Odoo's real-time pickings of these orders (``pos.order._create_order_picking``: one
        for what each order sold, one for what it took back), made together: one creation of
        the pickings and one of their moves, one confirmation and one validation. A picking
        that cannot be validated is left ready, as Odoo leaves it, and the rest are validated."""
        Picking = self.env["stock.picking"]
        plans = []  # (picking values, order lines)
        for order in self:
            picking_type = order.config_id.picking_type_id
            if order.partner_id.property_stock_customer:
                destination_id = order.partner_id.property_stock_customer.id
            elif not picking_type or not picking_type.default_location_dest_id:
                destination_id = self.env["stock.warehouse"]._get_partner_locations()[0].id
            else:
                destination_id = picking_type.default_location_dest_id.id
            lines = order.lines.filtered(
                lambda line: (
                    line.product_id.type == "consu"
                    and not float_is_zero(line.qty, precision_rounding=line.product_id.uom_id.rounding)
                )
            )
            positive = lines.filtered(lambda line: line.qty > 0)
            negative = lines - positive
            links = {"pos_session_id": order.session_id.id, "pos_order_id": order.id, "origin": order.name}
            if positive:
                vals = Picking._prepare_picking_vals(
                    order.partner_id, picking_type, picking_type.default_location_src_id.id, destination_id
                )
                plans.append(({**vals, **links}, positive))
            if negative:
                return_type = picking_type.return_picking_type_id or picking_type
                if picking_type.return_picking_type_id:
                    return_location_id = return_type.default_location_dest_id.id
                else:
                    return_location_id = picking_type.default_location_src_id.id
                vals = Picking._prepare_picking_vals(order.partner_id, return_type, destination_id, return_location_id)
                plans.append(({**vals, **links}, negative))
        if not plans:
            return Picking
        pickings = Picking.create([vals for vals, _lines in plans])
        move_vals = []
        for picking, (_vals, lines) in zip(pickings, plans, strict=True):
            for _product, product_lines in groupby(lines, key=lambda line: line.product_id):
                product_lines = self.env["pos.order.line"].concat(*product_lines)
                move_vals.append(picking._prepare_stock_move_vals(product_lines[0], product_lines))
        # see stock.move._should_assign_at_confirm
        moves = self.env["stock.move"].with_context(chain_pos_exact_lots=True).create(move_vals)
        confirmed = moves._action_confirm()
        by_picking = dict(groupby(confirmed, key=lambda move: move.picking_id))
        for picking, (_vals, lines) in zip(pickings, plans, strict=True):
            picking_moves = self.env["stock.move"].concat(*by_picking.get(picking, ()))
            picking_moves._add_mls_related_to_order(lines, are_qties_done=True)
            picking._link_owner_on_return_picking(lines)
        confirmed.picked = True
        self.env.flush_all()
        try:
            with self.env.cr.savepoint():
                pickings._action_done()
        except (UserError, ValidationError):
            # one picking in the lot cannot be validated: validate the others one by one
            for picking in pickings:
                try:
                    with self.env.cr.savepoint():
                        picking._action_done()
                except (UserError, ValidationError) as error:
                    _logger.info("POS picking %s left to validate: %s", picking.name, error)
        return pickings

    @api.model
    def _process_order(self, order, existing_order):
        problems = self._chain_sanitize_scans(order)
        self._chain_drop_server_values(order)
        if existing_order and existing_order._chain_is_refused() and order.get("state") not in (None, "draft", "paid"):
            # the till cannot cancel a refused order: it waits for the store manager
            order["state"] = "draft"
        if order.get("state") == "paid":
            # The till sends a paid order as "paid"; created so, it could never be set back to
            # draft if its lots are refused. Created as a draft, ``_process_saved_order`` pays it
            # once its lots pass (Odoo does the same for an order it already has).
            del order["state"]
        if existing_order and existing_order.state == "draft":
            self._chain_redelivered_lines(order, existing_order)
        orders = self.with_context(chain_scan_problems=problems) if problems else self
        return super(PosOrder, orders)._process_order(order, existing_order)

    @api.model
    def _chain_drop_server_values(self, order):
        """Remove from a till's order what only the server decides: the lot check of the order
        and of its lines (the till gets them back in the sync answer, and sends them again)."""
        for name in SERVER_ORDER_FIELDS:
            order.pop(name, None)
        line_fields = self.env["pos.order.line"]._chain_server_fields()
        for command in order.get("lines") or []:
            if len(command) > 2 and isinstance(command[2], dict):
                for name in line_fields:
                    command[2].pop(name, None)

    @api.model
    def _chain_redelivered_lines(self, order, existing_order):
        """A till whose sync answer was lost sends the refused order again, lines and payments
        and all: turn the creation of a line or payment the order already has (same uuid) into
        an update of it, so that the order is judged again instead of failing on the duplicate
        line, or counting its payment twice."""
        for field, records in (("lines", existing_order.lines), ("payment_ids", existing_order.payment_ids)):
            by_uuid = {record.uuid: record.id for record in records if record.uuid}
            commands = []
            for command in order.get(field) or []:
                vals = command[2] if len(command) > 2 and isinstance(command[2], dict) else None
                if command[0] == 0 and vals and vals.get("uuid") in by_uuid:
                    vals = dict(vals)
                    if "pack_lot_ids" in vals:
                        vals["pack_lot_ids"] = [(5, 0, 0), *vals["pack_lot_ids"]]
                    command = (1, by_uuid[vals["uuid"]], vals)
                commands.append(command)
            if field in order:
                order[field] = commands

    @api.model
    def _chain_sanitize_scans(self, order):
        """Drop a scanned expiry the till sent that is not a date (a misread GS1 code) rather than
        fail the whole sync; returns what was dropped, for the order's lot check message."""
        problems = []
        for command in order.get("lines") or []:
            if len(command) < 3 or not isinstance(command[2], dict):
                continue
            for pack_command in command[2].get("pack_lot_ids") or []:
                pack = pack_command[2] if len(pack_command) > 2 and isinstance(pack_command[2], dict) else {}
                value = pack.get("chain_scanned_expiry")
                if not value:
                    continue
                try:
                    fields.Date.to_date(value)
                except (TypeError, ValueError):
                    pack["chain_scanned_expiry"] = False
                    problems.append(
                        _(
                            "Lot %(lot)s: the scanned expiry %(value)s is not a date and was ignored.",
                            lot=pack.get("lot_name") or "-",
                            value=value,
                        )
                    )
        return problems

    def _process_saved_order(self, draft):
        checked = draft or self.state == "cancel" or self.id in _CLEARED_ORDERS.get()
        if not checked and self._chain_apply_lot_rule():
            return self.id
        if draft or self.state == "cancel":
            return super()._process_saved_order(draft)
        with _lots_cleared(self):
            return super()._process_saved_order(draft)

    def _chain_rule_date(self):
        """The moment the lot rule judges: the order's date (an order taken offline yesterday is
        judged as of yesterday), but never before its session opened, which no real order is."""
        self.ensure_one()
        now = fields.Datetime.now()
        date = self.date_order or now
        start = self.session_id.start_at or self.session_id.create_date
        return now if (start and date < start) or date > now else date

    def _chain_apply_lot_rule(self):
        """Check every lot of this order being paid. Returns True when the order is refused:
        it is then kept as a draft with the reason, and nothing else happens to it."""
        self.ensure_one()
        refused = self.lines._chain_check_lots(self._chain_rule_date())
        overridden = self.lines.filtered("chain_overridden")
        if not refused:
            self.chain_expiry_state = "overridden" if overridden else False
            self.chain_expiry_message = False
            if overridden:
                self._chain_post_overrides(overridden)
            return False
        message = "\n".join(
            [line._chain_issue_message(issue) for line, issue in refused.items()]
            + list(self.env.context.get("chain_scan_problems") or [])
        )
        if self.config_id.chain_expiry_mode == "flag" and not set(refused.values()) & ALWAYS_REFUSED:
            self.write({"chain_expiry_state": "flagged", "chain_expiry_message": message})
            self._chain_notify(_("Order %(order)s sold lots it should not have:", order=self.name), message)
            return False
        self.write({"state": "draft", "chain_expiry_state": "refused", "chain_expiry_message": message})
        self._chain_notify(_("Order %(order)s was refused at synchronisation:", order=self.name), message)
        return True

    def _chain_post_overrides(self, lines):
        rows = [
            _(
                "%(product)s: %(issue)s, allowed by %(manager)s (%(reason)s)",
                product=line.full_product_name or line.product_id.display_name,
                issue=dict(line._fields["chain_expiry_issue"]._description_selection(self.env)).get(
                    line.chain_expiry_issue, ""
                ),
                manager=line.chain_override_user_id.name,
                reason=dict(line._fields["chain_override_reason"]._description_selection(self.env)).get(
                    line.chain_override_reason, ""
                ),
            )
            for line in lines
        ]
        self._chain_notify(_("Store manager override at the till:"), "\n".join(rows), activity=False)

    def _chain_notify(self, title, message, activity=True):
        """Post ``message`` on the order and, when ``activity``, give the store manager a to-do."""
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            title,
            Markup("").join(Markup("<li>%s</li>") % row for row in message.splitlines()),
        )
        self.message_post(body=body)
        manager = self.config_id.chain_store_id.manager_id
        if activity and manager:
            self.activity_schedule("mail.mail_activity_data_todo", summary=title, note=body, user_id=manager.id)

    # -- back office -------------------------------------------------------------------

    def _chain_check_manager(self):
        self.ensure_one()
        store = self.config_id.chain_store_id
        if not (
            self.env.user.has_group("chain_store.group_chain_store_manager")
            and store in self.env.user.chain_visible_store_ids
        ):
            raise UserError(_("Only a manager of store %s can decide on a refused order.", store.display_name))

    def _chain_accept_refused(self, reason, note=False):
        """A store manager accepts a refused order from the back office: its refused lines are
        marked as overridden by them and the order is paid and its stock moved."""
        for order in self:
            order._chain_check_manager()
            if order.state != "draft" or order.chain_expiry_state != "refused":
                raise UserError(_("Order %s is not waiting for a decision on its lots.", order.name))
            lines = order.lines.filtered(lambda line: line.chain_expiry_issue and line.chain_expiry_issue != "near")
            stuck = lines.filtered(lambda line: line.chain_expiry_issue in ALWAYS_REFUSED)
            if stuck:
                raise UserError(
                    _(
                        "Order %(order)s cannot be accepted: %(lines)s. A unit without its lot, or from a "
                        "blocked lot, is never sold; cancel the order and refund the customer.",
                        order=order.name,
                        lines="; ".join(line._chain_issue_message(line.chain_expiry_issue) for line in stuck),
                    )
                )
            lines._chain_record_manager_override(reason, note)
            order.chain_expiry_state = "overridden"
            order._chain_post_overrides(lines)
            with _lots_cleared(order):
                order._process_saved_order(False)
            order.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_chain_cancel_refused(self):
        for order in self:
            order._chain_check_manager()
            if order.state != "draft" or order.chain_expiry_state != "refused":
                raise UserError(_("Order %s is not waiting for a decision on its lots.", order.name))
        self.action_pos_order_cancel()
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_chain_accept_refused(self):
        self.ensure_one()
        self._chain_check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": _("Accept Refused Order"),
            "res_model": "chain.pos.lot.accept.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }
