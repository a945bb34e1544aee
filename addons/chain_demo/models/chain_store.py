import uuid
from datetime import timedelta

from odoo import Command, _, api, fields, models

from ..lib import opening_stock


class ChainStore(models.Model):
    _inherit = "chain.store"

    # ------------------------------------------------------------------
    # Opening stock
    # ------------------------------------------------------------------
    def _chain_demo_load_opening_stock(self, products, today=None):
        """Put an opening stock of ``products`` in the warehouse of each store of ``self``.

        The plan (which lots, expiring when, how many) comes from
        :func:`..lib.opening_stock.opening_plan`, relative to ``today``: lots of
        tracked products are fresh, near expiry (inside their alert window) or
        already expired. The stock is applied as an inventory adjustment, so
        quants, stock moves and valuation agree.

        Idempotent: a (location, product, lot) that already holds a quant is
        left alone, and lots are reused by name.

        :param products: ``product.product`` records or ids; services, consumables
            and serial-tracked products are ignored
        :param datetime today: reference date, midnight of today by default
        :returns: the quants created (``stock.quant``)
        """
        products = self.env["product.product"].browse(getattr(products, "ids", products))
        products = products.filtered(lambda p: p.is_storable and p.tracking in ("none", "lot"))
        stores = self.filtered("warehouse_id")
        today = today or fields.Datetime.today()
        plan = opening_stock.opening_plan(
            [self._chain_demo_plan_product(product) for product in products],
            [opening_stock.Location(store.id, store.kind == "dc") for store in stores],
            today,
        )
        lots = self._chain_demo_lots(products, plan)
        Quant = self.env["stock.quant"]
        location_by_store = {store.id: store.warehouse_id.lot_stock_id for store in stores}
        existing = {
            (quant.location_id.id, quant.product_id.id, quant.lot_id.id)
            for quant in Quant.search(
                [
                    ("location_id", "in", [loc.id for loc in location_by_store.values()]),
                    ("product_id", "in", products.ids),
                ]
            )
        }
        vals_list = []
        for line in plan:
            location = location_by_store[line.location]
            lot = lots[line.product, line.lot_name] if line.lot_name else self.env["stock.lot"]
            if (location.id, line.product, lot.id) in existing:
                continue
            vals_list.append(
                {
                    "product_id": line.product,
                    "location_id": location.id,
                    "lot_id": lot.id,
                    "inventory_quantity": line.quantity,
                }
            )
        quants = Quant.with_context(inventory_mode=True).create(vals_list)
        quants.with_context(inventory_name=_("Opening stock")).action_apply_inventory()
        return quants

    def _chain_demo_plan_product(self, product):
        """Hook: the planner's view of ``product`` (shelf life 0 when not lot-tracked)."""
        if product.tracking != "lot":
            return opening_stock.Product(product.id, 0, 0)
        shelf_life = product.expiration_time if product.use_expiration_date else 0
        return opening_stock.Product(product.id, shelf_life or 365, product.alert_time)

    def _chain_demo_lots(self, products, plan):
        """Return ``{(product id, lot name): stock.lot}`` for the lots of ``plan``, created if missing."""
        Lot = self.env["stock.lot"]
        wanted = {(line.product, line.lot_name): line.expiration for line in plan if line.lot_name}
        company = self.company_id[:1] or self.env.company
        lots = {
            (lot.product_id.id, lot.name): lot
            for lot in Lot.search(
                [
                    ("product_id", "in", products.ids),
                    ("name", "in", list({name for _product, name in wanted})),
                    ("company_id", "in", [company.id, False]),
                ]
            )
        }
        missing = [key for key in wanted if key not in lots]
        created = Lot.create(
            [
                {
                    "product_id": product,
                    "name": name,
                    "company_id": company.id,
                    "expiration_date": wanted[product, name],
                }
                for product, name in missing
            ]
        )
        lots.update(zip(missing, created, strict=True))
        return lots

    # ------------------------------------------------------------------
    # Points of sale
    # ------------------------------------------------------------------
    def _chain_demo_setup_pos(self, pos_categories=None):
        """Give each store (not a DC) of ``self`` a point of sale, if it has none.

        The point of sale uses the store warehouse's POS operation type, a cash
        payment method of its own, and the company's card and customer account
        methods. Idempotent.

        :param pos_categories: ``pos.category`` records or ids the till is limited to
        :returns: the point of sale of each store (``pos.config``)
        """
        categories = self.env["pos.category"].browse(getattr(pos_categories, "ids", pos_categories or []))
        configs = self.env["pos.config"]
        for store in self.filtered(lambda s: s.kind == "store" and s.warehouse_id):
            config = store.pos_config_ids[:1]
            if not config:
                config = configs.create(store._chain_demo_prepare_pos_config_vals(categories))
            configs |= config
        return configs

    def _chain_demo_prepare_pos_config_vals(self, categories):
        """Hook: values of the point of sale created for this store."""
        self.ensure_one()
        Config = self.env["pos.config"].with_company(self.company_id)
        journal, payment_method_ids = Config._create_journal_and_payment_methods(
            cash_journal_vals={"name": _("Cash %s", self.code), "show_on_dashboard": False}
        )
        return {
            "name": f"{self.code} {self.name}",
            "company_id": self.company_id.id,
            "picking_type_id": self.warehouse_id.pos_type_id.id,
            "journal_id": journal.id,
            "payment_method_ids": [Command.set(payment_method_ids)],
            "limit_categories": bool(categories),
            "iface_available_categ_ids": [Command.set(categories.ids)],
        }

    def _chain_demo_setup_payment_codes(self, accounts):
        """Let the point of sale of each store of ``self`` take WeChat Pay and Alipay payment codes.

        One method per provider and company, on the company's bank journal, added to the
        stores' tills. ``accounts`` (``chain.pay.cn.account``) are the company-wide accounts the
        methods pay through: the demo's point at the local simulators, whose keys
        ``scripts/run --with-simulator`` writes into them. Idempotent.

        :returns: the payment methods (``pos.payment.method``)
        """
        # the demo chain's names, as its tills show them (demo data, like its products, is in Chinese)
        terminals = {"wechatpay": ("chain_wechatpay", "微信支付"), "alipay": ("chain_alipay", "支付宝")}
        Method = self.env["pos.payment.method"]
        methods = Method
        for company in self.company_id:
            bank = self.env["account.journal"].search(
                [("type", "=", "bank"), *self.env["account.journal"]._check_company_domain(company)], limit=1
            )
            for provider in (
                self.env["chain.pay.cn.account"].browse(getattr(accounts, "ids", accounts)).mapped("provider")
            ):
                terminal, name = terminals[provider]
                method = Method.search(
                    [("use_payment_terminal", "=", terminal), ("company_id", "=", company.id)], limit=1
                )
                if not method:
                    method = Method.with_company(company).create(
                        {"name": name, "journal_id": bank.id, "use_payment_terminal": terminal}
                    )
                methods |= method
        for store in self.filtered("pos_config_ids"):
            config = store.pos_config_ids[:1]
            missing = methods.filtered(lambda m, c=config: m.company_id == c.company_id) - config.payment_method_ids
            if missing:
                config.payment_method_ids = [Command.link(method.id) for method in missing]
        return methods

    def _chain_demo_sell(self, products, orders_per_store=4, now=None):
        """Ring up a few paid orders in the point of sale of each open store, then close the session.

        Each order sells one to three of ``products`` that the store has in
        stock, tracked products from their earliest lot that is not expired.
        Orders are paid alternately in cash and by card, by the store manager.

        Idempotent: a point of sale that already has orders is skipped.

        :param products: ``product.product`` records or ids to sell
        :param datetime now: time of the last order, now by default
        :returns: the orders created (``pos.order``)
        """
        products = self.env["product.product"].browse(getattr(products, "ids", products))
        now = now or fields.Datetime.now()
        Order = self.env["pos.order"]
        orders = Order
        for seq, store in enumerate(self):
            config = store.pos_config_ids[:1]
            if store.kind != "store" or store.state != "open" or not config:
                continue
            if Order.search_count([("config_id", "=", config.id)], limit=1):
                continue
            seller = store.manager_id or self.env.user
            session = self.env["pos.session"].create({"config_id": config.id, "user_id": seller.id})
            session.set_opening_control(0, None)
            data = []
            for number in range(orders_per_store):
                lines = store._chain_demo_order_lines(products, seq * 7 + number * 5, 1 + (seq + number) % 3)
                if lines:
                    when = now - timedelta(minutes=47 * (orders_per_store - number))
                    data.append(store._chain_demo_order_data(session, seller, lines, number, when))
            orders |= Order.browse(order["id"] for order in Order.sync_from_ui(data)["pos.order"])
            cash = sum(
                session.order_ids.payment_ids.filtered(lambda p: p.payment_method_id.is_cash_count).mapped("amount")
            )
            session.post_closing_cash_details(cash)
            session.update_closing_control_state_session("")
            session.action_pos_session_closing_control()
        return orders

    def _chain_demo_order_lines(self, products, start, count):
        """Return ``[(product, lot or empty, qty)]``: ``count`` products the store can sell, from ``start``."""
        self.ensure_one()
        location = self.warehouse_id.lot_stock_id
        now = fields.Datetime.now()
        lines = []
        for offset in range(len(products)):
            if len(lines) == count:
                break
            product = products[(start + offset * 11) % len(products)]
            if any(product == line[0] for line in lines):
                continue
            quants = self.env["stock.quant"].search(
                [("location_id", "=", location.id), ("product_id", "=", product.id), ("quantity", ">=", 1)]
            )
            if product.tracking == "lot":
                # what a till may sell: not blocked, not past its removal date (nor expired)
                quants = quants.filtered(
                    lambda q: (
                        q.lot_id
                        and not q.lot_id.chain_blocked
                        and (not q.lot_id.removal_date or q.lot_id.removal_date > now)
                        and (not q.lot_id.expiration_date or q.lot_id.expiration_date > now)
                    )
                ).sorted(lambda q: q.lot_id.expiration_date or now)
            if quants:
                lines.append((product, quants[0].lot_id, 1 + offset % 2 if quants[0].quantity >= 2 else 1))
        return lines

    @api.model
    def _chain_demo_line_taxes(self, config, product, qty, price):
        """The taxes of a till line as the POS computes them: Chinese shelf prices include VAT."""
        taxes = product.taxes_id.filtered(lambda t: t.company_id == config.company_id)
        result = taxes.compute_all(price, config.currency_id, qty, product=product)
        return {
            "tax_ids": [Command.set(taxes.ids)],
            "price_subtotal": result["total_excluded"],
            "price_subtotal_incl": result["total_included"],
        }

    def _chain_demo_order_data(self, session, seller, lines, number, when):
        """The order as the POS front end sends it to ``pos.order.sync_from_ui``."""
        config = session.config_id
        order_lines = []
        for product, lot, qty in lines:
            price = config.pricelist_id._get_product_price(product, qty) if config.pricelist_id else product.lst_price
            order_lines.append(
                Command.create(
                    {
                        "product_id": product.id,
                        "qty": qty,
                        "price_unit": price,
                        "discount": 0.0,
                        **self._chain_demo_line_taxes(config, product, qty, price),
                        "full_product_name": product.display_name,
                        "pack_lot_ids": [Command.create({"lot_name": lot.name})] if lot else [],
                    }
                )
            )
        total = session.currency_id.round(sum(line[2]["price_subtotal_incl"] for line in order_lines))
        untaxed = session.currency_id.round(sum(line[2]["price_subtotal"] for line in order_lines))
        methods = session.payment_method_ids
        cash = methods.filtered("is_cash_count")[:1]
        # a card terminal of the bank, not a payment-code method (those pay through a provider's transaction)
        card = methods.filtered(lambda m: m.type == "bank" and not m.use_payment_terminal)[:1] or cash
        method = cash if number % 2 == 0 else card
        order_uuid = str(uuid.uuid4())
        return {
            "uuid": order_uuid,
            "name": f"Order {order_uuid}",
            "session_id": session.id,
            "user_id": seller.id,
            "sequence_number": number + 1,
            "date_order": fields.Datetime.to_string(when),
            "pricelist_id": config.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": False,
            "to_invoice": False,
            "lines": order_lines,
            "payment_ids": [Command.create({"amount": total, "payment_method_id": method.id, "name": when})],
            "amount_paid": total,
            "amount_total": total,
            "amount_tax": total - untaxed,
            "amount_return": 0.0,
            "last_order_preparation_change": "{}",
            "state": "paid",
        }

    def _chain_demo_guide(self):
        """The guide (导购) of the store's demo members: a staff user of the store, else its manager."""
        self.ensure_one()
        staff = self.env["res.users"].search(
            [("chain_store_id", "=", self.id), ("id", "!=", self.manager_id.id), ("share", "=", False)],
            order="id",
            limit=1,
        )
        return staff or self.manager_id

    @api.model
    def _chain_demo_recall_drill(self):
        """A draft recall of the first lot the tills sold, with its drill already run.

        Idempotent: does nothing when a recall exists.
        """
        if self.env["chain.recall"].search_count([], limit=1):
            return self.env["chain.recall"]
        sold = self.env["pos.pack.operation.lot"].search([("chain_lot_id", "!=", False)], order="id", limit=1)
        if not sold:
            return self.env["chain.recall"]
        lot = sold.chain_lot_id
        recall = self.env["chain.recall"].create(
            {
                "product_id": lot.product_id.id,
                "lot_ids": [Command.set(lot.ids)],
                "reason": _("Supplier notice: possible contamination of lot %s (demo)", lot.name),
            }
        )
        recall.action_drill()
        return recall
