from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from ..lib import deposit as deposit_lib
from ..lib import wallet as wallet_lib


class PosOrder(models.Model):
    """Prepayments on the till's orders (shared: each feature adds its own methods, named after it)."""

    _inherit = "pos.order"
    _chain_guarded_fields = {
        # sent by the till with the order; the server checks the token when the order is paid
        "chain_wallet_token": ("sync_from_ui",),
        "chain_wallet_amount": ("sync_from_ui",),
    }

    chain_wallet_amount = fields.Float(string="Paid with Stored Value", readonly=True, copy=False, digits=(16, 2))
    chain_wallet_token = fields.Char(readonly=True, copy=False)
    chain_wallet_line_ids = fields.One2many("chain.member.wallet.line", "pos_order_id", string="Stored Value Moves")

    # ------------------------------------------------------------------
    # Stored value (储值)
    # ------------------------------------------------------------------
    @api.model
    def _chain_wallet_products(self):
        """``(payment product, bonus product)``: the lines paying with the principal and with the bonus."""
        return (
            self.env.ref("chain_member_prepaid.product_wallet_payment"),
            self.env.ref("chain_member_prepaid.product_wallet_bonus"),
        )

    def _process_saved_order(self, draft):
        # before Odoo's payment, which logs and swallows its errors: a refused stored value refuses the sync
        if not draft and self.state != "cancel":
            self._chain_wallet_process()
            self._chain_deposit_plan()
            self._chain_card_plan()
        return super()._process_saved_order(draft)

    def action_pos_order_paid(self):
        self._chain_wallet_process()  # orders paid another way; done once (see _chain_wallet_process)
        result = super().action_pos_order_paid()
        # deposits and cards are recorded once the order is paid (checked before, see _process_saved_order);
        # what an earlier payment recorded is not recorded again
        self._chain_deposit_apply()
        self._chain_card_apply()
        return result

    def _chain_wallet_process(self):
        """Post the order's top-ups and stored-value payments on the member's ledger, once.

        Refused (``UserError``, the whole order) when: the order tops up and pays
        with stored value (or points) at once (odoo/odoo#273419); a top-up or a
        payment has no member as customer; a payment has no valid proof of the
        member for exactly its amount, is more than the order, or is not split
        between principal and bonus as the member's balance and the company's rule
        split it now; the balance is short (under the member's lock: two tills
        never spend the same stored value).
        """
        pay_product, bonus_product = self._chain_wallet_products()
        for order in self:
            lines = order.lines
            topups = lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "wallet_topup")
            pays = lines.filtered(lambda line: line.product_id in (pay_product | bonus_product))
            if not topups and not pays and not order.chain_wallet_amount:
                continue
            # sudo: whether the order was already posted, whoever syncs it again
            if order.sudo().chain_wallet_line_ids:
                continue
            if topups and (pays or order.chain_wallet_amount or order._chain_wallet_has_points()):
                raise UserError(_("A top-up cannot be paid with stored value or points: take another payment."))
            member = order._chain_member()
            if not member:
                raise UserError(_("Stored value needs a member: set the member as the order's customer."))
            store = order.config_id.chain_store_id
            if not store:
                raise UserError(_("This point of sale belongs to no store."))
            if topups:
                order._chain_wallet_topup(member, topups, store)
            else:
                order._chain_wallet_pay(member, pays, pay_product, store)

    def _chain_wallet_has_points(self):
        product = self.company_id.chain_pos_redeem_product_id
        return bool(self.chain_redeem_points or (product and product in self.lines.product_id))

    def _chain_wallet_topup(self, member, topups, store):
        amount = sum(topups.mapped("price_subtotal_incl"))
        if any(line.qty < 0 or line.price_subtotal_incl < 0 for line in topups) or amount <= 0:
            raise UserError(
                _(
                    "Stored value is not refunded at the till: the store manager pays it back from the member's "
                    "stored value (principal only)."
                )
            )
        day = fields.Date.context_today(self, self.date_order)
        bonus, rule = self.env["chain.prepaid.topup.rule"]._chain_bonus(self.company_id, amount, store, day)
        reference = self.pos_reference or self.name
        member._chain_wallet_post("topup", amount, 0.0, store, pos_order=self, note=_("Top-up: %s", reference))
        if bonus:
            member._chain_wallet_post(
                "bonus", 0.0, bonus, store, pos_order=self, rule=rule, note=_("Bonus of %(rule)s", rule=rule.name)
            )

    def _chain_wallet_pay(self, member, pays, pay_product, store):
        principal = -sum(pays.filtered(lambda line: line.product_id == pay_product).mapped("price_subtotal_incl"))
        bonus = -sum(pays.filtered(lambda line: line.product_id != pay_product).mapped("price_subtotal_incl"))
        principal_fen, bonus_fen = wallet_lib.to_fen(principal), wallet_lib.to_fen(bonus)
        reference = self.pos_reference or self.name
        if pays and all(line.refunded_orderline_id for line in pays) and principal_fen <= 0 and bonus_fen <= 0:
            # goods paid with stored value come back: their stored value goes back to the member
            member._chain_wallet_post(
                "use", -principal, -bonus, store, pos_order=self, note=_("Returned: %s", reference)
            )
            return
        if principal_fen < 0 or bonus_fen < 0 or any(line.refunded_orderline_id for line in pays):
            raise UserError(_("A payment with stored value cannot be negative."))
        amount_fen = principal_fen + bonus_fen
        if amount_fen <= 0 or amount_fen != wallet_lib.to_fen(self.chain_wallet_amount):
            raise UserError(_("The stored-value lines do not match the amount the member agreed to pay."))
        if wallet_lib.to_fen(self.amount_total) < 0:
            raise UserError(_("Stored value cannot pay more than the order is worth."))
        if not self.chain_wallet_token:
            raise UserError(
                _("A payment with stored value needs the member's proof of presence (QR code or one-time code).")
            )
        self.env["chain.member.proof"]._chain_use_wallet_token(
            self.chain_wallet_token, member, amount_fen, self.session_id, self
        )
        member._chain_wallet_lock()
        # sudo: the member's balance, locked above
        split = member.sudo()._chain_wallet_split(wallet_lib.to_amount(amount_fen))
        if not split:
            # sudo: see above
            balance = member.sudo().wallet_principal + member.sudo().wallet_bonus
            raise UserError(
                _("Member %(code)s has %(balance)s of stored value: not enough.", code=member.code, balance=balance)
            )
        if (wallet_lib.to_fen(split[0]), wallet_lib.to_fen(split[1])) != (principal_fen, bonus_fen):
            raise UserError(
                _(
                    "The member's stored value changed meanwhile (principal %(principal)s, bonus %(bonus)s "
                    "expected): remove the stored-value lines and pay with stored value again.",
                    principal=split[0],
                    bonus=split[1],
                )
            )
        member._chain_wallet_post(
            "use", -split[0], -split[1], store, pos_order=self, note=_("Paid at the till: %s", reference)
        )

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        if fields_:  # [] means every field
            fields_ += ["chain_wallet_amount"]
        return fields_

    # ------------------------------------------------------------------
    # Formula deposits (奶粉寄存)
    #
    # Selling: a line of the company's deposit product (``chain_prepaid_kind`` ``deposit``)
    # naming the formula (``chain_deposit_product_id``) for N units. Picking up ``k`` units of
    # deposit ``d``: a line of the formula for ``k`` units and a negative deposit line for ``-k``,
    # both with ``chain_deposit_ref = d``, worth ``k`` x the deposit's unit price each way.
    # ------------------------------------------------------------------
    def _chain_deposit_lines(self):
        """The order's lines of deposit products."""
        self.ensure_one()
        return self.lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "deposit")

    def _chain_deposit_plan(self):
        """Check the order's deposit lines; return ``(sales, pickups, refunds)`` still to record.

        ``sales``: deposit lines sold; ``pickups``: ``[(deposit, qty, product lines, deposit
        lines)]`` (deposits locked); ``refunds``: ``[(deposit, qty, refund line)]``. Raises ``UserError``
        (nothing recorded) on any pickup the member may not make.
        """
        self.ensure_one()
        Deposit = self.env["chain.member.deposit"].sudo()  # sudo: a member's deposit is picked up in any store
        deposit_lines = self._chain_deposit_lines()
        claimed = self.lines.filtered("chain_deposit_ref")
        if not deposit_lines and not claimed:
            return [], [], []
        currency = self.currency_id
        member = self._chain_member()
        recorded = Deposit.search([("pos_order_line_id", "in", deposit_lines.ids)]).pos_order_line_id
        # sudo: the pickups of this order, whichever store's user syncs it (the pickup is re-checked here)
        picked = self.env["chain.member.deposit.pickup"].sudo().search([("pos_order_id", "=", self.id)])
        sales = deposit_lines.filtered(lambda line: line.qty > 0 and not line.chain_deposit_ref) - recorded
        if sales and not member:
            raise UserError(_("A formula deposit is sold to a member: attach the member to the order."))
        for line in sales:
            if not line.chain_deposit_product_id or line.chain_deposit_product_id.chain_prepaid_kind:
                raise UserError(_("The deposit line does not say which product is deposited."))
            if float_compare(line.price_subtotal_incl, 0.0, precision_rounding=currency.rounding) <= 0:
                raise UserError(_("A formula deposit is paid for: its price cannot be zero."))
        refunds = []
        refund_lines = deposit_lines.filtered(lambda line: line.qty < 0 and not line.chain_deposit_ref)
        refund_lines -= Deposit.search([("refund_line_ids", "in", refund_lines.ids)]).refund_line_ids
        for line in refund_lines:
            sold = Deposit.search([("pos_order_line_id", "=", line.refunded_orderline_id.id)], limit=1)
            if not sold:
                raise UserError(_("A deposit line taken back must refund the sale of a deposit."))
            sold._chain_lock()
            if -line.qty > sold.qty_remaining + 1e-6:
                raise UserError(
                    _(
                        "Deposit %(deposit)s has %(left)s units left: %(qty)s cannot be refunded.",
                        deposit=sold.name,
                        left=sold.qty_remaining,
                        qty=-line.qty,
                    )
                )
            refunds.append((sold, -line.qty, line))
        pickups = []
        by_ref = defaultdict(lambda: self.env["pos.order.line"])
        for line in claimed.filtered(lambda line: line.chain_deposit_ref not in picked.deposit_id.ids):
            by_ref[line.chain_deposit_ref] |= line
        date = fields.Date.context_today(self, self.date_order)
        for ref, lines in by_ref.items():
            deposit = Deposit.browse(ref).exists()
            if not deposit or deposit.company_id != self.company_id:
                raise UserError(_("The deposit picked up does not exist."))
            deposit._chain_lock()
            products = lines.filtered(lambda line, d=deposit: line.product_id == d.product_id and line.qty > 0)
            negatives = lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "deposit" and line.qty < 0)
            if lines - products - negatives:
                raise UserError(_("Deposit %s is picked up with its own product only.", deposit.name))
            qty = sum(products.mapped("qty"))
            problem = (
                deposit._chain_pickup_problem(member, qty, date)
                if member
                else _("A deposit is picked up by its member: attach the member to the order.")
            )
            if problem:
                raise UserError(problem)
            value = qty * deposit.unit_price
            if not (
                deposit_lib.same_amount(sum(products.mapped("price_subtotal_incl")), value, currency.decimal_places)
                and deposit_lib.same_amount(
                    sum(negatives.mapped("price_subtotal_incl")), -value, currency.decimal_places
                )
                and float_is_zero(sum(negatives.mapped("qty")) + qty, precision_digits=6)
            ):
                raise UserError(
                    _(
                        "The pickup of deposit %(deposit)s must be %(qty)s units at %(price)s, "
                        "balanced by the deposit line.",
                        deposit=deposit.name,
                        qty=qty,
                        price=deposit.unit_price,
                    )
                )
            self._chain_deposit_check_stock(
                deposit.product_id,
                sum(
                    self.lines.filtered(
                        lambda line, d=deposit: line.product_id == d.product_id and line.qty > 0
                    ).mapped("qty")
                ),
            )
            pickups.append((deposit, qty, products, negatives))
        return sales, pickups, refunds

    def _chain_deposit_check_stock(self, product, qty):
        """Refuse a pickup of more units of ``product`` than the store has."""
        if not product.is_storable:
            return
        location = self.config_id.picking_type_id.default_location_src_id
        # sudo: the stock of the caller's own store, whatever their inventory rights
        available = self.env["stock.quant"].sudo()._get_available_quantity(product, location)
        if float_compare(available, qty, precision_rounding=product.uom_id.rounding) < 0:
            raise UserError(
                _(
                    "%(product)s is out of stock in this store (%(available)s left, %(qty)s to pick up): "
                    "the member picks it up in another store or later.",
                    product=product.display_name,
                    available=available,
                    qty=qty,
                )
            )

    def _chain_deposit_apply(self):
        """Record the deposits sold, picked up and refunded by these paid orders (once)."""
        # sudo: deposits and pickups are written by the server only (no role writes them)
        Deposit = self.env["chain.member.deposit"].sudo()
        for order in self.filtered(lambda o: o.state in ("paid", "done", "invoiced")):
            sales, pickups, refunds = order._chain_deposit_plan()
            store = order.config_id.chain_store_id
            member = order._chain_member()
            date = fields.Date.context_today(order, order.date_order)
            months = order.company_id.chain_deposit_expiry_months or 12
            Deposit.create(
                [
                    {
                        "member_id": member.id,
                        "product_id": line.chain_deposit_product_id.id,
                        "company_id": order.company_id.id,
                        "store_id": store.id,
                        "date": date,
                        "expiry_date": deposit_lib.add_months(date, months),
                        "unit_price": deposit_lib.unit_price(
                            line.price_subtotal_incl, line.qty, order.currency_id.decimal_places
                        ),
                        "qty_deposited": line.qty,
                        "pos_order_line_id": line.id,
                    }
                    for line in sales
                ]
            )
            for deposit, qty, products, _negatives in pickups:
                lot_name = products.pack_lot_ids[:1].lot_name
                # sudo: the lot the till sold, to record it on the pickup (lots are read by name only)
                lot = (
                    self.env["stock.lot"]
                    .sudo()
                    .search([("name", "=", lot_name), ("product_id", "=", deposit.product_id.id)], limit=1)
                    if lot_name
                    else self.env["stock.lot"]
                )
                deposit._chain_record_pickup(
                    {
                        "qty": qty,
                        "amount": order.currency_id.round(qty * deposit.unit_price),
                        "store_id": store.id,
                        "date": order.date_order,
                        "pos_order_id": order.id,
                        "pos_order_line_id": products[:1].id,
                        "lot_id": lot.id,
                        "employee_id": (order.user_id.employee_id or self.env.user.employee_id).id,
                    }
                )
            for deposit, qty, line in refunds:
                deposit._chain_record_refund(qty, line)

    # ------------------------------------------------------------------
    # Service count cards (次卡)
    #
    # Selling: a line of a card product (``chain_prepaid_kind`` ``service_card``), one card per
    # unit. Using card ``c`` ``u`` times: a line of the card's service for ``u`` units and a
    # negative line of the card product for ``-u``, both with ``chain_card_ref = c``, each worth
    # the next uses' prices; the service line names the employee who served (``chain_employee_ref``).
    # ------------------------------------------------------------------
    def _chain_card_plan(self):
        """Check the order's card lines; return ``(sales, uses)`` to record.

        ``sales``: card lines sold; ``uses``: ``[(card, uses, service lines, employee)]``
        (cards locked). Raises ``UserError`` (nothing recorded) on a use the member may not make.
        """
        self.ensure_one()
        Card = self.env["chain.member.service.card"].sudo()  # sudo: a member's card is used in any store
        card_lines = self.lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "service_card")
        claimed = self.lines.filtered("chain_card_ref")
        if not card_lines and not claimed:
            return [], []
        member = self._chain_member()
        store = self.config_id.chain_store_id
        recorded = Card.search([("pos_order_line_id", "in", card_lines.ids)]).pos_order_line_id
        # sudo: the card uses of this order, whichever store's user syncs it (the use is re-checked here)
        used = self.env["chain.member.service.card.use"].sudo().search([("pos_order_id", "=", self.id)])
        sales = card_lines.filtered(lambda line: line.qty > 0 and not line.chain_card_ref) - recorded
        if sales and not member:
            raise UserError(_("A service card is sold to a member: attach the member to the order."))
        for line in sales:
            if line.qty != int(line.qty):
                raise UserError(_("Service cards are sold by the unit."))
            if line.price_subtotal_incl <= 0:
                raise UserError(_("A service card is paid for: its price cannot be zero."))
        if card_lines.filtered(lambda line: line.qty < 0 and not line.chain_card_ref):
            raise UserError(_("A service card is not refunded at the till: a chain manager handles it."))
        by_ref = defaultdict(lambda: self.env["pos.order.line"])
        for line in claimed.filtered(lambda line: line.chain_card_ref not in used.card_id.ids):
            by_ref[line.chain_card_ref] |= line
        date = fields.Date.context_today(self, self.date_order)
        employees = self.session_id._chain_card_employees() if by_ref else self.env["hr.employee"]
        plan = []
        currency = self.currency_id
        for ref, lines in by_ref.items():
            card = Card.browse(ref).exists()
            if not card or card.company_id != self.company_id:
                raise UserError(_("The service card used does not exist."))
            card._chain_lock()
            services = lines.filtered(lambda line, c=card: line.product_id == c.service_product_id and line.qty > 0)
            negatives = lines.filtered(lambda line, c=card: line.product_id == c.card_product_id and line.qty < 0)
            if lines - services - negatives:
                raise UserError(_("Card %s pays for its own service only.", card.name))
            uses = sum(services.mapped("qty"))
            problem = (
                card._chain_use_problem(member, store, uses, date)
                if member
                else _("A service card is used by its member: attach the member to the order.")
            )
            if problem:
                raise UserError(problem)
            value = sum(card._chain_use_prices(int(uses)))
            digits = currency.decimal_places
            if not (
                deposit_lib.same_amount(sum(services.mapped("price_subtotal_incl")), value, digits)
                and deposit_lib.same_amount(sum(negatives.mapped("price_subtotal_incl")), -value, digits)
                and sum(negatives.mapped("qty")) == -uses
            ):
                raise UserError(
                    _(
                        "The use of card %(card)s must be %(uses)s use(s) worth %(value)s, balanced by the card line.",
                        card=card.name,
                        uses=int(uses),
                        value=value,
                    )
                )
            employee = employees.browse(services[:1].chain_employee_ref) if services[:1].chain_employee_ref else None
            if employee is not None and employee not in employees:
                raise UserError(_("The employee who served is not one of this store's."))
            plan.append((card, int(uses), services, employee or self.user_id.employee_id, value))
        return sales, plan

    def _chain_card_apply(self):
        """Record the cards sold and used by these paid orders (once)."""
        # sudo: cards and their uses are written by the server only (no role writes them)
        Card = self.env["chain.member.service.card"].sudo()
        for order in self.filtered(lambda o: o.state in ("paid", "done", "invoiced")):
            sales, plan = order._chain_card_plan()
            store = order.config_id.chain_store_id
            member = order._chain_member()
            date = fields.Date.context_today(order, order.date_order)
            vals_list = []
            for line in sales:
                template = line.product_id.product_tmpl_id
                price = deposit_lib.unit_price(line.price_subtotal_incl, line.qty, order.currency_id.decimal_places)
                vals_list += [
                    {
                        "member_id": member.id,
                        "card_product_id": line.product_id.id,
                        "service_product_id": template.chain_card_service_product_id.id,
                        "company_id": order.company_id.id,
                        "store_id": store.id,
                        "store_ids": [(6, 0, template.chain_card_store_ids.ids)],
                        "date": date,
                        "valid_until": date + timedelta(days=template.chain_card_validity_days),
                        "price": price,
                        "uses_total": template.chain_card_uses,
                        "uses_left": template.chain_card_uses,
                        "pos_order_line_id": line.id,
                    }
                ] * int(line.qty)
            Card.create(vals_list)
            for card, uses, services, employee, value in plan:
                card._chain_record_use(
                    {
                        "amount": value,
                        "uses_left": card.uses_left - uses,
                        "store_id": store.id,
                        "date": order.date_order,
                        "employee_id": employee.id,
                        "pos_order_id": order.id,
                        "pos_order_line_id": services[:1].id,
                    },
                    uses,
                )
