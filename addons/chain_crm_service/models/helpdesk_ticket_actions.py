from datetime import datetime

from markupsafe import Markup
from psycopg2 import errors

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

QUALITY_GROUP = "chain_crm_service.group_chain_quality"
RECALL_GROUP = "chain_stock_recall.group_chain_recall_manager"
RECALL_KINDS = ("safety", "quality", "allergy")
OPEN_STATES = ("opening_control", "opened")  # a till being opened takes refunds (as Odoo's own refund)


class HelpdeskTicketActions(models.AbstractModel):
    """The resolution actions of an after-sales case (售后), mixed into ``helpdesk.ticket``.

    Each action is a button of the case form that does the real work: a POS refund or
    exchange of the linked line in the store's open session, a return of the lot to its
    supplier, points to the member, a recall of the lot. Every action checks the caller's
    role and the case's store itself (the suite calls them as every role over RPC), takes a
    row lock on the case and records what it made on it: a second click, also from a
    concurrent transaction, never refunds or compensates twice.
    """

    _name = "chain.crm.case.actions.mixin"
    _description = "After-sales Case Actions"

    chain_refund_order_id = fields.Many2one(
        "pos.order", string="Refund Order", readonly=True, copy=False, index="btree_not_null",
        help="The POS refund (or exchange) made by the case's Refund or Exchange button.",
    )  # fmt: skip
    chain_exchange = fields.Boolean(string="Exchanged", readonly=True, copy=False)
    chain_return_picking_id = fields.Many2one(
        "stock.picking", string="Supplier Return", readonly=True, copy=False, index="btree_not_null"
    )
    chain_recall_id = fields.Many2one(
        "chain.recall", string="Recall", readonly=True, copy=False, index="btree_not_null"
    )
    chain_points_compensated = fields.Integer(
        string="Points Compensated", readonly=True, copy=False,
        help="Points given to the member as compensation for this case (once per case).",
    )  # fmt: skip

    # what the actions made: only they set it (and never twice)
    _chain_guarded_fields = {
        "chain_refund_order_id": ("action_chain_refund", "action_chain_exchange"),
        "chain_exchange": ("action_chain_refund", "action_chain_exchange"),
        "chain_return_picking_id": ("action_chain_return_supplier",),
        "chain_recall_id": ("action_chain_start_recall",),
        "chain_points_compensated": ("_chain_compensate_points",),
    }

    # ------------------------------------------------------------------ rights and locks
    def _chain_is_quality(self):
        return self.env.user.has_group(QUALITY_GROUP)

    def _chain_check_case_rights(self, managers=False):
        """Raise unless the user may act on these cases: a user of the case's store (its
        manager when ``managers``), the quality team or a chain manager; the case must be
        readable and writable to them (record rules)."""
        user = self.env.user
        if self.env.su:
            return
        chain_wide = user.has_group("chain_store.group_chain_manager") or self._chain_is_quality()
        if not chain_wide:
            group = "chain_store.group_chain_store_manager" if managers else "chain_store.group_chain_store_user"
            if not user.has_group(group):
                raise AccessError(
                    _("Only the store's manager or the quality team may do this on a case.")
                    if managers
                    else _("Only the store's staff or the quality team may do this on a case.")
                )
            stores = user.chain_visible_store_ids
            if any(case.chain_store_id not in stores for case in self):
                raise AccessError(_("This case belongs to another store."))
        self.check_access("write")

    def _chain_lock_cases(self):
        """Lock the cases' rows for this transaction (NOWAIT: a concurrent click is told to wait)
        and read their action fields again, as committed by a transaction that held the lock."""
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM helpdesk_ticket WHERE id IN %s FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except errors.LockNotAvailable:
            raise UserError(_("Someone else is resolving this case right now: try again in a moment.")) from None
        self.invalidate_recordset(list(type(self)._chain_guarded_fields))

    def _chain_open_action(self, record, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ refund / exchange
    def _chain_refund_session(self, order):
        """The open POS session of the case's store where the refund is made: the original
        till's when open, else any open till of the store (``UserError`` when none is)."""
        self.ensure_one()
        # sudo: the tills of the case's store, whose rights were checked by the caller
        Session = self.env["pos.session"].sudo()
        current = order.config_id.current_session_id
        if current and current.state in OPEN_STATES and order.config_id.chain_store_id == self.chain_store_id:
            return current
        session = Session.search(
            [("config_id.chain_store_id", "=", self.chain_store_id.id), ("state", "in", OPEN_STATES)], limit=1
        )
        if not session:
            raise UserError(
                _(
                    "No till of store %s has an open session: open the register, then refund the case.",
                    self.chain_store_id.display_name,
                )
            )
        return session

    def _chain_check_refundable(self):
        self.ensure_one()
        line = self.chain_pos_line_id
        if not line:
            raise UserError(_("Case %s has no POS order line to refund.", self.display_name))
        # sudo: the line of a case of the caller's store, read to refund it
        line = line.sudo()
        if line.order_id.state not in ("paid", "done", "invoiced"):
            raise UserError(_("Only a paid POS order can be refunded."))
        if line.qty <= 0:
            raise UserError(_("A refund line cannot be refunded again."))
        if line.order_id.config_id.chain_store_id != self.chain_store_id:
            raise UserError(_("The POS line of case %s was sold by another store: refund it there.", self.display_name))
        remaining = line.qty - line.refunded_qty
        if remaining <= 0:
            raise UserError(_("The POS line of case %s was already refunded.", self.display_name))
        return line, remaining

    def _prepare_chain_refund_payment_method(self, session, order):
        """Hook: the payment method that pays the refund back (the original order's when the
        till offers it, else its cash method, else its first)."""
        methods = session.payment_method_ids
        original = order.payment_ids.payment_method_id & methods
        return original[:1] or methods.filtered("is_cash_count")[:1] or methods[:1]

    def _chain_make_refund(self, exchange=False):
        """The refund order of the case's line (all of its quantity not refunded yet), paid
        back at once; an exchange adds a line of the same product at the same price, so that
        the order nets to zero (the till's own exchange)."""
        self.ensure_one()
        line, qty = self._chain_check_refundable()
        order = line.order_id
        session = self._chain_refund_session(order)
        # the lot given in exchange is found first: no refund is made when there is none
        new_lot = self._chain_exchange_lot(line, session) if exchange else None
        refund = order.copy({**order._prepare_refund_values(session), "partner_id": order.partner_id.id})
        ratio = qty / line.qty
        lots = self.env["pos.pack.operation.lot"]
        for pack_lot in line.pack_lot_ids:
            lots += pack_lot.copy()
        refund_vals = line._prepare_refund_data(refund, lots)
        refund_vals.update(
            qty=-qty,
            price_subtotal=-line.price_subtotal * ratio,
            price_subtotal_incl=-line.price_subtotal_incl * ratio,
        )
        line.copy(refund_vals)
        if exchange:
            new_lots = [Command.create({"lot_name": new_lot.name})] if new_lot else False
            line.copy(
                {
                    "order_id": refund.id,
                    "qty": qty,
                    "price_subtotal": line.price_subtotal * ratio,
                    "price_subtotal_incl": line.price_subtotal_incl * ratio,
                    "pack_lot_ids": new_lots,
                    "refunded_orderline_id": False,
                    "is_total_cost_computed": False,
                    "name": _("%(name)s (exchange)", name=line.name),
                }
            )
        refund._compute_prices()
        if not refund.currency_id.is_zero(refund.amount_total):
            method = self._prepare_chain_refund_payment_method(session, order)
            if not method:
                raise UserError(_("The till %s has no payment method to pay the refund back.", session.config_id.name))
            refund.add_payment(
                {
                    "pos_order_id": refund.id,
                    "amount": refund.amount_total,
                    "payment_method_id": method.id,
                    "name": _("Case %s", self.display_name),
                }
            )
        refund._process_saved_order(False)
        return refund

    def _chain_exchange_lot(self, line, session):
        """The lot the customer takes home in an exchange of a lot-tracked product: the store's
        first-expiring unexpired lot in stock other than the case's (and the line's) lot, so the
        till's lot rule accepts the sale; none: a translated error (refund instead)."""
        product = line.product_id
        if product.tracking == "none":
            return self.env["stock.lot"]
        excluded = (
            self.chain_lot_id.ids
            + self.env["stock.lot"]
            .search([("product_id", "=", product.id), ("name", "in", line.pack_lot_ids.mapped("lot_name"))])
            .ids
        )
        domain = [
            ("product_id", "=", product.id),
            ("location_id", "child_of", session.config_id.picking_type_id.default_location_src_id.id),
            ("quantity", ">", 0),
            ("lot_id", "!=", False),
            ("lot_id", "not in", excluded),
        ]
        Lot = self.env["stock.lot"]
        if "expiration_date" in Lot._fields:
            now = fields.Datetime.now()
            domain += ["|", ("lot_id.expiration_date", "=", False), ("lot_id.expiration_date", ">", now)]
        # sudo: the staff exchanging at the till reads the store's stock of the product
        quants = self.env["stock.quant"].sudo().search(domain)
        if "expiration_date" in Lot._fields:
            quants = quants.sorted(lambda q: (q.lot_id.expiration_date or datetime.max, q.lot_id.id))
        if not quants:
            raise UserError(
                _(
                    "No other lot of %(product)s is in stock at the store to exchange: refund the customer instead.",
                    product=product.display_name,
                )
            )
        return quants[0].lot_id.sudo(False)

    def _chain_refund(self, exchange):
        self._chain_check_case_rights()
        self._chain_lock_cases()
        for case in self:
            if case.chain_refund_order_id:
                continue  # done already (maybe by a concurrent click that held the lock)
            # sudo: the POS order of the caller's own store case; tills write orders as superuser too
            refund = case.sudo()._chain_make_refund(exchange=exchange)
            case.write({"chain_refund_order_id": refund.id, "chain_exchange": exchange})
            body = (
                _("Exchange made at the till: order %(order)s (%(amount)s).", order=refund.name,
                  amount=refund.currency_id.format(refund.amount_total))
                if exchange
                else _("Refund made at the till: order %(order)s (%(amount)s).", order=refund.name,
                       amount=refund.currency_id.format(refund.amount_total))
            )  # fmt: skip
            case.message_post(body=body)
        if len(self) == 1:
            # sudo: the caller's store refund, opened from its case
            return self._chain_open_action(self.sudo().chain_refund_order_id, _("Refund"))
        return True

    def action_chain_refund(self):
        """Refund the case's POS line in the store's open session (once per case).

        Store staff of the case's store, its manager, the quality team or a chain manager.
        Refused (translated) when no till of the store is open or the line was refunded.
        """
        return self._chain_refund(exchange=False)

    def action_chain_exchange(self):
        """Exchange the case's POS line: one order at the store's open till refunding the line
        and selling the same product again at the same price (nets to zero; the goods taken
        back come into the store's stock, the new ones leave it). Rights as the refund."""
        return self._chain_refund(exchange=True)

    # ------------------------------------------------------------------ return to the supplier
    def _chain_supplier_receipt(self):
        """The done supplier receipt of the case's lot, preferably into the case's store."""
        self.ensure_one()
        # sudo: receipts are the warehouse's; the case's rights were checked by the caller
        MoveLine = self.env["stock.move.line"].sudo()
        domain = [
            ("lot_id", "=", self.chain_lot_id.id),
            ("state", "=", "done"),
            ("location_id.usage", "=", "supplier"),
            ("picking_id", "!=", False),
        ]
        lines = MoveLine.search(domain, order="date desc, id desc")
        own = lines.filtered(lambda ml: ml.location_dest_id.warehouse_id.chain_store_id == self.chain_store_id)
        return (own or lines)[:1]

    def _prepare_chain_return_qty(self, move_line):
        """Hook: the quantity returned to the supplier (the case's line quantity, else 1),
        never more than the receipt brought."""
        self.ensure_one()
        qty = abs(self.chain_pos_line_id.sudo().qty) if self.chain_pos_line_id else 1.0
        return min(qty or 1.0, move_line.quantity)

    def _chain_reserve_lot(self, picking, qty):
        """Reserve the case's lot (and only it) on the return: the shelf may hold other lots."""
        self.ensure_one()
        move = picking.move_ids[:1]
        picking.do_unreserve()
        move.write(
            {
                "move_line_ids": [
                    Command.create({**move._prepare_move_line_vals(quantity=qty), "lot_id": self.chain_lot_id.id})
                ]
            }
        )

    def action_chain_return_supplier(self):
        """Create the return picking of the case's lot to the supplier of its receipt (once).

        The store's manager, the quality team or a chain manager. The return waits in the store
        until it leaves (validated by the store as any transfer).
        """
        self._chain_check_case_rights(managers=True)
        self._chain_lock_cases()
        for case in self:
            if case.chain_return_picking_id:
                continue
            if not case.chain_lot_id:
                raise UserError(_("Case %s names no lot to return to its supplier.", case.display_name))
            move_line = case._chain_supplier_receipt()
            if not move_line:
                raise UserError(
                    _("No supplier receipt of lot %s was found: return it from the purchase order.",
                      case.chain_lot_id.display_name)
                )  # fmt: skip
            receipt = move_line.picking_id
            # sudo: the return transfer of the store's receipt (stock rights are the warehouse's)
            wizard = (
                self.env["stock.return.picking"]
                .sudo()
                .with_context(active_id=receipt.id, active_model="stock.picking")
                .create({"picking_id": receipt.id})
            )
            qty = case._prepare_chain_return_qty(move_line)
            for return_line in wizard.product_return_moves:
                return_line.quantity = qty if return_line.move_id == move_line.move_id else 0
            picking = wizard._create_return()
            case._chain_reserve_lot(picking, qty)
            picking.message_post(
                body=_("Return of lot %(lot)s to the supplier for case %(case)s.",
                       lot=case.chain_lot_id.name, case=case.display_name)
            )  # fmt: skip
            case.write({"chain_return_picking_id": picking.id})
            case.message_post(
                body=_("Return to the supplier %(partner)s: transfer %(picking)s.",
                       partner=picking.partner_id.display_name, picking=picking.name)
            )  # fmt: skip
        if len(self) == 1:
            # sudo: the caller's store return, opened from its case
            return self._chain_open_action(self.sudo().chain_return_picking_id, _("Supplier Return"))
        return True

    # ------------------------------------------------------------------ compensation in points
    def action_chain_compensate_points(self):
        """Open the wizard giving the member points (store manager or quality team)."""
        self.ensure_one()
        self._chain_check_case_rights(managers=True)
        if not self.chain_member_id:
            raise UserError(_("Case %s has no member to compensate.", self.display_name))
        if self.chain_points_compensated:
            raise UserError(
                _("The member was already compensated with %s points for this case.", self.chain_points_compensated)
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Compensate in Points"),
            "res_model": "chain.crm.case.compensate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _chain_compensate_points(self, points, reason):
        """Give ``points`` (> 0) to the case's member with ``reason``, once per case: through
        chain_member's ``action_adjust_points`` (its ledger, its rights) for a store manager;
        the quality team, not a store manager, writes the same ledger row as the system.
        Returns the points ledger line."""
        self.ensure_one()
        self._chain_check_case_rights(managers=True)
        if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
            raise UserError(_("Compensate with a positive number of points."))
        if not (reason or "").strip() if isinstance(reason, str) else True:
            raise UserError(_("Give the reason of the compensation."))
        self._chain_lock_cases()
        if self.chain_points_compensated:
            raise UserError(
                _("The member was already compensated with %s points for this case.", self.chain_points_compensated)
            )
        member = self.chain_member_id
        if not member:
            raise UserError(_("Case %s has no member to compensate.", self.display_name))
        text = _("Case %(case)s: %(reason)s", case=self.display_name, reason=reason.strip())
        if self.env.user.has_group("chain_store.group_chain_store_manager") and member.with_user(
            self.env.user
        ).has_access("write"):
            line_id = member.action_adjust_points(points, text)
            line = self.env["chain.member.points.line"].sudo().browse(line_id)
        else:
            # sudo: the quality team compensates any store's member, as the ledger's own method
            line = member.sudo()._chain_award_points(points, "adjust", reason=text)
            member.sudo().message_post(body=_("Points adjusted by %(points)s: %(reason)s", points=points, reason=text))
        self.write({"chain_points_compensated": points})
        self.message_post(
            body=_("%(points)s points given to member %(member)s: %(reason)s",
                   points=points, member=member.display_name, reason=reason.strip())
        )  # fmt: skip
        return line

    # ------------------------------------------------------------------ recall
    def _prepare_chain_recall_vals(self):
        """The recall pre-filled from the case: product, lot, and a reason that names the case
        and its category but carries no health details (those stay on the case)."""
        self.ensure_one()
        return {
            "product_id": self.chain_product_id.id or self.chain_lot_id.product_id.id,
            "lot_ids": [Command.set(self.chain_lot_id.ids)],
            "company_id": self.company_id.id or self.env.company.id,
            "reason": _(
                "After-sales case %(case)s (%(category)s) on lot %(lot)s: %(title)s",
                case=self.number or self.display_name,
                category=self.category_id.name or "-",
                lot=self.chain_lot_id.name,
                title=self.name,
            ),
        }

    def action_chain_start_recall(self):
        """Start a recall of the case's lot: create the draft ``chain.recall`` pre-filled, run
        its trace (the stores holding or having sold the lot, its customers: a drill, nothing
        blocked yet) and open it for the recall manager to launch. Quality team and recall
        managers only; a case with a recall opens that one."""
        self.ensure_one()
        user = self.env.user
        if not self.env.su and not (self._chain_is_quality() or user.has_group(RECALL_GROUP)):
            raise AccessError(_("Only the quality team or a recall manager may start a recall."))
        self.check_access("read")  # a recall manager may hold no helpdesk right beyond reading the case
        self._chain_lock_cases()
        if not self.chain_recall_id:
            if self.chain_kind not in RECALL_KINDS:
                raise UserError(_("A recall starts from a quality, safety or allergy case."))
            if not self.chain_lot_id:
                raise UserError(_("Name the lot of case %s before starting a recall.", self.display_name))
            # sudo: the quality team starts recalls without being recall managers; a recall
            # covers every store's stock and customers (the trace reads them all)
            case = self.sudo()
            recall = self.env["chain.recall"].sudo().create(case._prepare_chain_recall_vals())
            recall.action_drill()
            recall.message_post(
                body=Markup("%s") % _("Started from after-sales case %s.", case.number or case.display_name)
            )
            case.write({"chain_recall_id": recall.id})
            case.message_post(body=_("Recall %s started from this case.", recall.name))
        return self._chain_open_action(self.chain_recall_id, _("Recall"))

    # ------------------------------------------------------------------ from the till
    @api.model
    def chain_create_from_pos(self, vals):
        """Open a case from the till: ``vals`` = ``{session_id, partner_id, category_id,
        description, product_id?, lot_name?, line_id?}``.

        The session must be open and belong to the caller's store (the till's store is the
        case's); the customer (``partner_id``) is the order's; the member is found by that
        contact. Returns ``{"id", "number"}`` or ``{"error": message}`` (an answer, as the
        till's other calls).
        """
        if not isinstance(vals, dict):
            return {"error": _("Nothing to record.")}
        session_id = vals.get("session_id")
        session = self.env["pos.session"].browse(session_id if isinstance(session_id, int) else 0).exists()
        if not session:
            return {"error": _("This session is closed.")}
        try:
            session.check_access("read")
        except AccessError:
            return {"error": _("This till is not one of your stores'.")}
        store = session.config_id.chain_store_id
        user = self.env.user
        if session.state not in ("opening_control", "opened") or not user._is_internal():
            return {"error": _("This session is closed.")}
        if not store or (store not in user.chain_visible_store_ids and not user.has_group(
            "chain_store.group_chain_manager"
        )):  # fmt: skip
            return {"error": _("This till is not one of your stores'.")}
        description = vals.get("description")
        if not isinstance(description, str) or not description.strip():
            return {"error": _("Describe the complaint.")}
        category_id = vals.get("category_id")
        category = (
            self.env["helpdesk.ticket.category"].browse(category_id if isinstance(category_id, int) else 0).exists()
        )
        if not category:
            return {"error": _("Choose the kind of complaint.")}
        partner_id = vals.get("partner_id")
        # sudo: the order's customer, whose contact the till holds (any store's member buys here)
        partner = self.env["res.partner"].sudo().browse(partner_id if isinstance(partner_id, int) else 0).exists()
        if not partner:
            return {"error": _("Set the customer of the order first.")}
        # sudo: the customer's member card, found by the contact the till sent
        member = self.env["chain.member"].sudo().search([("partner_id", "=", partner.id)], limit=1)
        product_id = vals.get("product_id")
        product = self.env["product.product"].browse(product_id if isinstance(product_id, int) else 0).exists()
        lot = self.env["stock.lot"]
        lot_name = vals.get("lot_name")
        if product and isinstance(lot_name, str) and lot_name.strip():
            # sudo: the lot of a product the till sold; lots are the warehouse's records
            lot = lot.sudo().search(
                [("product_id", "=", product.id), ("name", "=", lot_name.strip()),
                 ("company_id", "in", [False, store.company_id.id])], limit=1,
            )  # fmt: skip
        line = self.env["pos.order.line"]
        line_id = vals.get("line_id")
        if isinstance(line_id, int) and line_id:
            line = line.search([("id", "=", line_id), ("order_id.config_id.chain_store_id", "=", store.id)])
        case_vals = {
            "name": _("%(category)s: %(customer)s", category=category.name, customer=partner.name),
            "description": Markup("<p>%s</p>") % description.strip(),
            "category_id": category.id,
            "partner_id": partner.id,
            "chain_store_id": store.id,
            "chain_source": "pos",
            "chain_member_id": member.id or False,
            "chain_product_id": product.id or False,
            "chain_lot_id": lot.id or False,
            "chain_pos_line_id": line.id or False,
            "chain_pos_order_id": line.order_id.id or False,
        }
        try:
            with self.env.cr.savepoint():
                case = self.create(self._prepare_chain_pos_case_vals(case_vals, vals))
        except (UserError, AccessError) as error:
            return {"error": error.args[0]}
        return {"id": case.id, "number": case.number or case.display_name}

    @api.model
    def _prepare_chain_pos_case_vals(self, case_vals, pos_vals):
        """Hook: the values of a case opened at the till (``pos_vals`` as the till sent them)."""
        return {key: value for key, value in case_vals.items() if key in self._fields}

    # ------------------------------------------------------------------ smart buttons
    def action_chain_view_refund(self):
        self.ensure_one()
        self.check_access("read")
        if not self.chain_refund_order_id:
            return False
        return self._chain_open_action(self.chain_refund_order_id, _("Refund"))
