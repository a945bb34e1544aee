import uuid
from datetime import datetime, time, timedelta

from odoo import Command, _, api, fields, models

from odoo.addons.chain_member.lib import member as member_lib

from ..lib import demo_members


class ChainMember(models.Model):
    _inherit = "chain.member"

    @api.model
    def _chain_demo_load_members(self, stores, products, count=300, today=None):
        """The demo members of ``stores`` (``lib.demo_members.member_plan``), with all they hold.

        Members with consent and a guide (the store's staff, else its manager),
        identities, babies of every formula stage, a year of purchases in a
        closed "member history" session of each store's till (so the tiers are
        earned, not set), their points (some expiring within 30 days, some
        redeemed), a few duplicate pairs to merge; then the nightly jobs run:
        tiers reviewed, follow-ups created (a third of them given an outcome).
        Every create is one batch per model. Dates are relative to ``today``.

        Idempotent: does nothing when the first demo member exists.

        :param stores: ``chain.store`` records or ids (DCs and stores not open yet are ignored)
        :param products: ``product.product`` records or ids the members buy: those with a formula stage
            for formula, the others for the rest
        :returns: the members created
        """
        stores = (
            self.env["chain.store"]
            .browse(getattr(stores, "ids", stores))
            .filtered(lambda s: s.kind == "store" and s.state == "open")
        )
        products = self.env["product.product"].browse(getattr(products, "ids", products))
        today = today or fields.Date.context_today(self)
        plan = demo_members.member_plan(count, stores.ids, today)
        Member = self.with_context(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
        if Member.with_context(active_test=False).search_count([("mobile", "=", "+86" + plan[0].mobile)], limit=1):
            return self.browse()
        guides = {store.id: store._chain_demo_guide() for store in stores}
        partners = self.env["res.partner"].create(
            [{"name": m.name, "phone": m.contact_phone or False, "company_id": self.env.company.id} for m in plan]
        )
        members = Member.create(
            [
                self._chain_demo_member_vals(m, partner, guides[m.store], today)
                for m, partner in zip(plan, partners, strict=True)
            ]
        )
        by_key = dict(zip((m.key for m in plan), members, strict=True))
        self.env["chain.member.identity"].create(
            [
                {"member_id": by_key[m.key].id, "source": source, "external_id": external}
                for m in plan
                for source, external in m.identities
            ]
        )
        self.env["chain.member.baby"].create(
            [
                dict(
                    zip(("birth_date", "due_date"), demo_members.birth_or_due(baby, today), strict=True),
                    member_id=by_key[m.key].id,
                    name=baby.name,
                    gender=baby.gender,
                )
                for m in plan
                for baby in m.babies
            ]
        )
        orders = self._chain_demo_member_orders(plan, by_key, stores, products, today)
        self._chain_demo_member_ledger(plan, by_key, orders, today)
        self.env.flush_all()
        self._cron_recompute_tiers()
        followups = self.env["chain.member.followup"]._cron_create_followups(today)
        for n, followup in enumerate(followups.sorted("id")):
            if n % 3 == 0:
                followup.action_reached()
            elif n % 3 == 1 and n % 2:
                followup.action_not_reached()
        return members

    @api.model
    def _chain_demo_member_vals(self, planned, partner, guide, today):
        """Hook: the values of a planned member (``lib.demo_members.Member``)."""
        joined = today - timedelta(days=planned.join_days)
        vals = {
            "partner_id": partner.id,
            "name": planned.name,
            "mobile": planned.mobile,
            "home_store_id": planned.store,
            "join_store_id": planned.store,
            "join_channel": planned.channel,
            "join_date": joined,
            "guide_user_id": guide.id if planned.guide else False,
        }
        if planned.consent:
            vals.update(
                consent_date=datetime.combine(joined, time(3, 0)),
                consent_store_id=planned.store,
                consent_user_id=guide.id or self.env.uid,
            )
        return vals

    @api.model
    def _chain_demo_member_orders(self, plan, by_key, stores, products, today):
        """The members' purchases of the rolling year: ``{(member key, order index): pos.order}``.

        Recorded in one closed "member history" session per store's till (sales
        brought over from the till system the chain used before): paid orders
        with their lines, no stock move nor journal entry of their own.
        """
        formula = {}
        for product in products.filtered("chain_formula_stage"):
            formula.setdefault(product.chain_formula_stage, []).append(product)
        others = products.filtered(lambda p: not p.chain_formula_stage and p.list_price > 0)
        sessions = {}
        for store in stores:
            config = store.pos_config_ids[:1]
            if config:
                seller = store.manager_id or self.env.user
                sessions[store.id] = self.env["pos.session"].create({"config_id": config.id, "user_id": seller.id})
        keys, vals_list = [], []
        for m in plan:
            session = sessions.get(m.store)
            if not session:
                continue
            member = by_key[m.key]
            for n, order in enumerate(m.orders):
                choices = formula.get(order.formula) if order.formula else None
                pool = choices or others or products
                product = pool[(hash_key(m.key) + n) % len(pool)]
                qty = max(1, round(order.amount / (product.list_price or order.amount)))
                when = datetime.combine(today - timedelta(days=order.days), time(3 + n % 9, 17 * n % 60))
                keys.append((m.key, n))
                vals_list.append(
                    {
                        "session_id": session.id,
                        "partner_id": member.partner_id.id,
                        "user_id": session.user_id.id,
                        "date_order": when,
                        "amount_total": order.amount,
                        "amount_paid": order.amount,
                        "amount_tax": 0.0,
                        "amount_return": 0.0,
                        "state": "done",
                        "lines": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "full_product_name": product.display_name,
                                    "qty": qty,
                                    "price_unit": round(order.amount / qty, 2),
                                    "price_subtotal": order.amount,
                                    "price_subtotal_incl": order.amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
        orders = self.env["pos.order"].create(vals_list)
        now = fields.Datetime.now()
        for session in sessions.values():
            session.message_post(body=_("Member purchases of the last year, brought over from the former till system."))
            # sudo: the history session is closed as the till system closed it, without accounting of its own
            session.sudo().write({"state": "closed", "start_at": now - timedelta(days=365), "stop_at": now})
        return dict(zip(keys, orders, strict=True))

    @api.model
    def _chain_demo_member_ledger(self, plan, by_key, orders, today):
        """The members' points ledger in one create: awards of their orders, bonuses, redemptions."""
        company = self.env.company
        rate = company.chain_member_points_rate

        def expiry_for(day):
            return member_lib.points_expiry(
                day, company.chain_member_points_validity, company.chain_member_points_months
            )

        vals_list = []
        for m in plan:
            member = by_key[m.key]
            index = {id(order): n for n, order in enumerate(m.orders)}
            rows = demo_members.ledger_plan(m, today, lambda o: int(o.amount * rate), expiry_for)
            for row in rows:
                order = orders.get((m.key, index[id(row["order"])])) if row["order"] else None
                vals_list.append(
                    {
                        "member_id": member.id,
                        "kind": row["kind"],
                        "date": row["date"],
                        "points": row["points"],
                        "remaining": row["remaining"],
                        "expiry_date": row["expiry_date"],
                        "pos_order_id": order.id if order else False,
                        "reason": _("Anniversary gift") if row["kind"] == "adjust" else False,
                    }
                )
        # sudo: the ledger is written by the server only; the demo writes the history it would have written
        return self.env["chain.member.points.line"].sudo().create(vals_list)

    # ------------------------------------------------------------------
    # Prepayments (chain_member_prepaid)
    # ------------------------------------------------------------------
    @api.model
    def _chain_demo_load_prepaid(self, store, formula, card_product, employee, today=None):
        """The first consenting member of ``store`` (by mobile) prepays at its till, as a cashier would.

        In one session of the store's till, closed at the end: she tops up 1,000 (the bonus
        rule gives 100), buys a deposit of 12 cans of ``formula`` and a ``card_product``
        service card in cash; then picks up 2 cans (the earliest lot not expired), uses the
        card once (served by ``employee``) and pays 150 of a purchase with her stored value
        (her QR code). Idempotent: a member who already has stored value is left alone.

        :returns: the member (``chain.member``)
        """
        store = self.env["chain.store"].browse(getattr(store, "id", store))
        formula = self.env["product.product"].browse(getattr(formula, "id", formula))
        card_product = self.env["product.product"].browse(getattr(card_product, "id", card_product))
        employee = self.env["hr.employee"].browse(getattr(employee, "id", employee))
        member = self.search(
            [("home_store_id", "=", store.id), ("consent_date", "!=", False), ("mobile", "!=", False)],
            order="mobile",
            limit=1,
        )
        config = store.pos_config_ids[:1]
        if (
            not member
            or not config
            or self.env["chain.member.wallet.line"].search_count([("member_id", "=", member.id)], limit=1)
        ):
            return member
        start = datetime.combine(today or fields.Date.today(), time(3, 0)) - timedelta(days=10)
        seller = store.manager_id or self.env.user
        session = self.env["pos.session"].create({"config_id": config.id, "user_id": seller.id})
        session.set_opening_control(0, None)
        Order = self.env["pos.order"].with_user(seller)
        company = store.company_id
        topup = self.env.ref("chain_member_prepaid.product_wallet_topup")
        deposit_product = company._chain_deposit_product()

        def sync(lines, minutes, **vals):
            data = self._chain_demo_prepaid_order(session, seller, member, lines, start + timedelta(minutes=minutes))
            data.update(vals)
            return Order.browse(order["id"] for order in Order.sync_from_ui([data])["pos.order"])

        sync([(topup, 1, topup.lst_price, {})], 0)
        sync([(deposit_product, 12, formula.lst_price, {"chain_deposit_product_id": formula.id})], 5)
        sync([(card_product, 1, card_product.lst_price, {})], 10)
        deposit = self.env["chain.member.deposit"].search([("member_id", "=", member.id)], limit=1)
        lot = self._chain_demo_first_lot(store, formula)
        ref = {"chain_deposit_ref": deposit.id}
        picked = dict(ref, pack_lot_ids=[Command.create({"lot_name": lot.name})] if lot else [])
        sync([(formula, 2, deposit.unit_price, picked), (deposit_product, -2, deposit.unit_price, ref)], 60 * 24 * 7)
        card = self.env["chain.member.service.card"].search([("member_id", "=", member.id)], limit=1)
        price = card._chain_use_prices(1)[0]
        ref = {"chain_card_ref": card.id}
        used = dict(ref, chain_employee_ref=employee.id)
        sync([(card.service_product_id, 1, price, used), (card.card_product_id, -1, price, ref)], 60 * 24 * 8)
        grant = session.with_user(seller).chain_wallet_verify_qr(member._chain_qr_token(), 150.0)
        if "token" in grant:
            pay, bonus = Order._chain_wallet_products()
            lot = self._chain_demo_first_lot(store, formula)
            lines = [(formula, 1, formula.lst_price, {"pack_lot_ids": [Command.create({"lot_name": lot.name})]})]
            lines += [
                (product, 1, -grant[part], {})
                for product, part in ((pay, "principal"), (bonus, "bonus"))
                if grant[part]
            ]
            sync(lines, 60 * 24 * 9, chain_wallet_amount=grant["amount"], chain_wallet_token=grant["token"])
        cash = sum(session.order_ids.payment_ids.filtered("payment_method_id.is_cash_count").mapped("amount"))
        session.post_closing_cash_details(cash)
        session.update_closing_control_state_session("")
        session.action_pos_session_closing_control()
        return member

    @api.model
    def _chain_demo_first_lot(self, store, product):
        """The lot of ``product`` the store sells first: in stock, not expired, expiring first."""
        quants = self.env["stock.quant"].search(
            [("location_id", "child_of", store.warehouse_id.lot_stock_id.id), ("product_id", "=", product.id),
             ("quantity", ">", 0), ("lot_id", "!=", False)]
        )  # fmt: skip
        now = fields.Datetime.now()
        lots = quants.lot_id.filtered(lambda lot: not lot.expiration_date or lot.expiration_date > now)
        return lots.sorted(lambda lot: (lot.expiration_date or datetime.max, lot.id))[:1]

    @api.model
    def _chain_demo_prepaid_order(self, session, seller, member, lines, when):
        """The order of ``lines`` (``(product, qty, price, extra line values)``) as the till sends it,
        for ``member``; what is left to pay is paid cash."""
        order_lines = []
        for product, qty, price, extra in lines:
            order_lines.append(
                Command.create(
                    {
                        "uuid": str(uuid.uuid4()),
                        "product_id": product.id,
                        "qty": qty,
                        "price_unit": price,
                        "discount": 0.0,
                        **self.env["chain.store"]._chain_demo_line_taxes(session.config_id, product, qty, price),
                        "full_product_name": product.display_name,
                        "pack_lot_ids": [],
                        **extra,
                    }
                )
            )
        total = session.currency_id.round(sum(line[2]["price_subtotal_incl"] for line in order_lines))
        untaxed = session.currency_id.round(sum(line[2]["price_subtotal"] for line in order_lines))
        cash = session.payment_method_ids.filtered("is_cash_count")[:1]
        order_uuid = str(uuid.uuid4())
        payments = [Command.create({"amount": total, "payment_method_id": cash.id, "name": when})] if total else []
        return {
            "uuid": order_uuid,
            "name": f"Order {order_uuid}",
            "session_id": session.id,
            "user_id": seller.id,
            "sequence_number": len(session.order_ids) + 1,
            "date_order": fields.Datetime.to_string(when),
            "pricelist_id": session.config_id.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": member.partner_id.id,
            "to_invoice": False,
            "lines": order_lines,
            "payment_ids": payments,
            "amount_paid": total,
            "amount_total": total,
            "amount_tax": total - untaxed,
            "amount_return": 0.0,
            "last_order_preparation_change": "{}",
            "state": "paid",
        }


def hash_key(key):
    """A stable small number of a plan key (an int, or ``("dup", int)``)."""
    return key if isinstance(key, int) else 7 + key[1]
