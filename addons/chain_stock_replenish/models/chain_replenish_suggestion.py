from collections import defaultdict
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_is_zero, float_round

from odoo.addons.chain_stock_expiry.lib import shelf_life

from ..lib import forecast

CAP_REASONS = [
    ("none", "Not capped"),
    ("no_demand", "No demand"),
    ("covered", "Stock covers the need"),
    ("max", "Capped by the maximum"),
    ("expiry", "Capped to sell before near expiry"),
]


class ChainReplenishSuggestion(models.Model):
    """What a store should ask the distribution centre for, product by product (要货建议).

    Built by :meth:`_chain_compute_suggestions` from the store's recent sales, sellable stock,
    goods in transit, min/max rules and the product's shelf life; the store manager adjusts
    the quantities to order, then :meth:`action_submit` turns them into a requisition.
    """

    _name = "chain.replenish.suggestion"
    _description = "Replenishment Suggestion"
    _order = "store_id, product_id, id"
    _rec_name = "product_id"
    # submitted once, by its action (which makes the requisition)
    _chain_guarded_fields = {"state": ("action_submit",), "order_id": ("action_submit",)}
    _chain_store_field = "store_id"

    store_id = fields.Many2one("chain.store", string="Store", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="store_id.company_id", store=True, index=True)
    product_id = fields.Many2one("product.product", string="Product", required=True, index=True, ondelete="cascade")
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    forecast_qty = fields.Float(
        string="Forecast / Day", readonly=True,
        help="Expected sales per day over the lead time and review period.",
    )  # fmt: skip
    sellable_qty = fields.Float(string="Sellable", readonly=True)
    transit_qty = fields.Float(
        string="In Transit", readonly=True,
        help="On its way to the store, or asked for in a requisition not yet allocated.",
    )  # fmt: skip
    min_qty = fields.Float(string="Min", readonly=True)
    max_qty = fields.Float(string="Max", readonly=True)
    pack_qty = fields.Float(string="Pack", readonly=True, default=1.0)
    days_to_alert = fields.Integer(
        string="Days to Near Expiry", readonly=True,
        help="Days a fresh unit can be sold before it is near expiry; 0 when the product does not expire.",
    )  # fmt: skip
    need_qty = fields.Float(string="Need", readonly=True)
    suggested_qty = fields.Float(string="Suggested", readonly=True)
    cap_reason = fields.Selection(CAP_REASONS, string="Cap", readonly=True, default="none")
    qty = fields.Float(
        string="To Order", digits="Product Unit of Measure", compute="_compute_qty", store=True, readonly=False,
        help="Quantity the store asks for: the suggestion, adjusted by the store manager.",
    )  # fmt: skip
    state = fields.Selection(
        [("draft", "To Submit"), ("submitted", "Submitted")], required=True, default="draft", readonly=True, index=True
    )
    order_id = fields.Many2one("stock.request.order", string="Requisition", readonly=True, index="btree_not_null")

    # The figures above are read-only results written by the thousand in one create: they carry no
    # named decimal precision, whose lookup per value would dominate the creation time.
    _sql_constraints = [
        ("qty_positive", "CHECK(qty >= 0)", "The quantity to order cannot be negative."),
    ]

    @api.depends("suggested_qty")
    def _compute_qty(self):
        for line in self:
            line.qty = line.suggested_qty

    @api.constrains("qty", "pack_qty")
    def _check_qty_pack(self):
        for line in self:
            pack = line.pack_qty or 1.0
            packs = line.qty / pack
            if not float_is_zero(packs - round(packs), precision_digits=6):
                raise ValidationError(
                    _(
                        "%(product)s is shipped in packs of %(pack)s: order a multiple of it.",
                        product=line.product_id.display_name,
                        pack=pack,
                    )
                )

    # ------------------------------------------------------------------
    # Computation: one query per figure, whatever the number of stores and products
    # ------------------------------------------------------------------
    @api.model
    def _chain_compute_suggestions(self, stores, products=None, today=None):
        """Replace the draft suggestions of ``stores`` by new ones and return the new lines.

        For every (store, product) that sold in the history window or has a min/max rule in
        the store: forecast the daily sales (:func:`..lib.forecast.average_daily_forecast`),
        then the quantity to order (:func:`..lib.forecast.order_proposal`). A line is created
        only when the store needs something (the stock does not cover the target).

        Reads the sales history, the sellable stock, the goods in transit, the min/max rules
        and the pack sizes with one query each, and creates the lines with one ``create``.

        :param stores: ``chain.store`` records (distribution centres are skipped)
        :param products: optional ``product.product`` records to limit the computation to
        :param today: the day the suggestion is for (default: today); sales up to the day before count
        :return: the created ``chain.replenish.suggestion`` records
        """
        today = today or fields.Date.context_today(self)
        stores = stores.filtered(lambda s: s.kind != "dc" and s.warehouse_id)
        if not stores:
            return self.browse()
        self.env.flush_all()  # the queries below read moves, quants and requests in SQL
        window = max(self.env.company.chain_replenish_history_days, 1)
        start = today - timedelta(days=window)
        sales = self._chain_sales_history(stores, products, start, today)
        rules = self._chain_orderpoints(stores, products)
        pairs = sorted(set(sales) | set(rules))
        Product = self.env["product.product"]
        all_products = Product.browse(sorted({product_id for _store_id, product_id in pairs}))
        sellable = all_products._chain_sellable_qty(stores)
        transit = self._chain_in_transit(stores, all_products)
        packs = self._chain_pack_sizes(all_products)
        alerts = self._chain_days_to_alert(all_products)
        store_by_id = {store.id: store for store in stores}
        # read once: a chain has hundreds of thousands of (store, product) pairs
        settings = {
            store.id: (store.replenish_lead_days, store.replenish_review_days, store.replenish_safety_days)
            for store in stores
        }
        days = [start + timedelta(days=i) for i in range(window)]
        start_weekday = start.weekday()
        vals_list = []
        for store_id, product_id in pairs:
            lead_days, review_days, safety_days = settings[store_id]
            history = sales.get((store_id, product_id))
            if history:
                series = [history.get(day, 0.0) for day in days]
                per_day = forecast.average_daily_forecast(series, start_weekday, max(lead_days + review_days, 1))
            else:
                per_day = 0.0  # nothing sold in the window (a min/max rule alone): the forecast is 0
            min_qty, max_qty = rules.get((store_id, product_id), (0.0, 0.0))
            if max_qty and max_qty < min_qty:
                max_qty = min_qty
            proposal = forecast.order_proposal(
                per_day,
                sellable.get((product_id, store_id), 0.0),
                transit.get((store_id, product_id), 0.0),
                lead_days,
                review_days,
                safety_days,
                pack_size=packs.get(product_id, 1.0),
                min_qty=min_qty,
                max_qty=max_qty,
                days_to_alert=alerts.get(product_id),
            )
            if proposal.reason in ("no_demand", "covered"):
                continue
            vals_list.append(
                self._prepare_suggestion_vals(
                    store_by_id[store_id], product_id, today, per_day, proposal,
                    sellable=sellable.get((product_id, store_id), 0.0),
                    transit=transit.get((store_id, product_id), 0.0),
                    min_qty=min_qty, max_qty=max_qty,
                    pack=packs.get(product_id, 1.0), days_to_alert=alerts.get(product_id),
                )
            )  # fmt: skip
        old_domain = [("store_id", "in", stores.ids), ("state", "=", "draft")]
        if products:
            old_domain.append(("product_id", "in", products.ids))
        self.search(old_domain).unlink()
        return self._chain_insert(vals_list)

    @api.model
    def _chain_insert(self, vals_list):
        """Write new draft lines from ``vals_list`` (:meth:`_prepare_suggestion_vals`) in one ``INSERT``.

        A chain-wide computation writes tens of thousands of lines: the ORM's ``create`` (defaults,
        cache, precomputes, constraints per record) costs more than the forecasts. Every value is
        a plain stored column of this model; what ``create`` would add is added here: ``company_id``
        (the store's), ``state`` draft, ``qty`` (the suggestion) when missing, the log columns. The
        pack constraint holds by construction (quantities are whole packs), so it is not re-checked.

        :raises ValueError: on a key that is not a stored column of this model (use ``create``)
        :return: the new records, in the order of ``vals_list``
        """
        if not vals_list:
            return self.browse()
        names = sorted({name for vals in vals_list for name in vals} - {"company_id", "state"})
        for name in names:
            field = self._fields.get(name)
            if not field or not field.store or not field.column_type or field.type in ("one2many", "many2many"):
                raise ValueError(f"{name!r} is not a stored column of {self._name}")
        store_ids = {vals["store_id"] for vals in vals_list}
        # sudo: the company of the stores the lines are written for, whatever the user may read
        companies = {store.id: store.company_id.id for store in self.env["chain.store"].sudo().browse(store_ids)}
        rows = {name: [vals.get(name) for vals in vals_list] for name in names}
        if "qty" not in rows:
            rows["qty"] = [vals.get("suggested_qty") for vals in vals_list]
        rows["company_id"] = [companies[vals["store_id"]] for vals in vals_list]
        rows["state"] = ["draft"] * len(vals_list)
        now = fields.Datetime.now()
        columns = list(rows)
        self.env.flush_all()
        # ids are drawn in the order of the rows: sorted, they follow vals_list
        ids = sorted(
            row[0]
            for row in self.env.execute_query(
                SQL(
                    """
                    INSERT INTO %(table)s (%(columns)s, create_uid, create_date, write_uid, write_date)
                    SELECT %(columns)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(arrays)s) WITH ORDINALITY AS v(%(columns)s, ord)
                     ORDER BY v.ord
                    RETURNING id
                    """,
                    table=SQL.identifier(self._table),
                    columns=SQL(", ").join(SQL.identifier(name) for name in columns),
                    uid=self.env.uid,
                    now=now,
                    arrays=SQL(", ").join(
                        SQL("%s::%s[]", rows[name], SQL(self._fields[name].column_type[1])) for name in columns
                    ),
                )
            )
        )
        return self.browse(ids)

    @api.model
    def _prepare_suggestion_vals(self, store, product_id, today, per_day, proposal, **figures):
        """Hook: values of one suggestion line (``figures`` are the inputs of the proposal)."""
        return {
            "store_id": store.id,
            "product_id": product_id,
            "date": today,
            "forecast_qty": per_day,
            "sellable_qty": figures["sellable"],
            "transit_qty": figures["transit"],
            "min_qty": figures["min_qty"],
            "max_qty": figures["max_qty"],
            "pack_qty": figures["pack"],
            "days_to_alert": int(figures["days_to_alert"] or 0),
            "need_qty": proposal.need,
            "suggested_qty": proposal.qty,
            "qty": proposal.qty,
            "cap_reason": proposal.reason,
        }

    @api.model
    def _chain_tz(self):
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.model
    def _chain_sales_history(self, stores, products, start, stop):
        """Net quantities sold per store, product and local day, from ``start`` to the day before ``stop``.

        Sales are the done moves from a store's warehouse to a customer location (POS and
        sales orders alike). Returns ``{(store_id, product_id): {date: qty}}``.

        The stores' locations and the customer locations are looked up first and given to the
        query as values: the planner then knows how many moves it reads (a join on the
        warehouse, with the local-day filter, was estimated at one row for 1.5 million and
        planned as a nested loop over the stores: 40 s at 500 stores). The period's bounds
        are widened by a day in UTC, and the exact local days kept here.
        """
        # the stores' locations (with their store) and the customer locations, in one query
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, s.id, l.usage = 'customer'
                  FROM stock_location l
             LEFT JOIN chain_store s ON s.warehouse_id = l.warehouse_id AND s.id IN %s
                 WHERE s.id IS NOT NULL OR l.usage = 'customer'
              ORDER BY l.id
                """,
                tuple(stores.ids),
            )
        )
        located = [(location_id, store_id) for location_id, store_id, _customer in rows if store_id]
        customers = [location_id for location_id, _store_id, customer in rows if customer]
        if not located or not customers:
            return defaultdict(dict)
        product_filter = SQL("AND m.product_id IN %s", tuple(products.ids)) if products else SQL()
        query = SQL(
            """
            SELECT ls.store_id, m.product_id, (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
                   SUM(m.product_qty)
              FROM stock_move m
              JOIN unnest(%(locations)s::integer[], %(location_stores)s::integer[]) AS ls(location_id, store_id)
                ON ls.location_id = m.location_id
             WHERE m.state = 'done'
               AND m.location_dest_id = ANY(%(customers)s)
               AND m.date >= %(low)s AND m.date < %(high)s
               %(product_filter)s
             GROUP BY 1, 2, 3
            """,
            tz=self._chain_tz(),
            locations=[location_id for location_id, _store_id in located],
            location_stores=[store_id for _location_id, store_id in located],
            customers=customers,
            low=start - timedelta(days=1),
            high=stop + timedelta(days=1),
            product_filter=product_filter,
        )
        result = defaultdict(dict)
        for store_id, product_id, day, qty in self.env.execute_query(query):
            if start <= day < stop:
                result[store_id, product_id][day] = qty or 0.0
        return result

    @api.model
    def _chain_in_transit(self, stores, products):
        """Quantity on its way to each store: moves not done into its warehouse from elsewhere,
        plus requisition lines submitted but not allocated yet. ``{(store_id, product_id): qty}``."""
        if not products:
            return {}
        query = SQL(
            """
            SELECT store_id, product_id, SUM(qty) FROM (
                SELECT s.id AS store_id, m.product_id, m.product_qty AS qty
                  FROM stock_move m
                  JOIN stock_location dst ON dst.id = m.location_dest_id
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN chain_store s ON s.warehouse_id = dst.warehouse_id
                 WHERE m.state NOT IN ('draft', 'done', 'cancel')
                   AND src.warehouse_id IS DISTINCT FROM dst.warehouse_id
                   AND s.id IN %(stores)s AND m.product_id IN %(products)s
                UNION ALL
                SELECT o.chain_store_id, r.product_id, r.product_qty
                  FROM stock_request r
                  JOIN stock_request_order o ON o.id = r.order_id
                 WHERE r.state = 'draft' AND o.chain_state IN ('to_approve', 'approved')
                   AND o.chain_store_id IN %(stores)s AND r.product_id IN %(products)s
            ) x
             GROUP BY store_id, product_id
            """,
            stores=tuple(stores.ids),
            products=tuple(products.ids),
        )
        return {(store_id, product_id): qty for store_id, product_id, qty in self.env.execute_query(query)}

    @api.model
    def _chain_orderpoints(self, stores, products):
        """Min and max of each store's replenishment rules: ``{(store_id, product_id): (min, max)}``."""
        domain = [("warehouse_id", "in", stores.warehouse_id.ids)]
        if products:
            domain.append(("product_id", "in", products.ids))
        groups = (
            self.env["stock.warehouse.orderpoint"]
            .sudo()  # sudo: the caller chose the stores; rules would only re-filter them
            ._read_group(domain, ["warehouse_id", "product_id"], ["product_min_qty:sum", "product_max_qty:sum"])
        )
        store_by_warehouse = {store.warehouse_id.id: store.id for store in stores}
        return {
            (store_by_warehouse[warehouse.id], product.id): (min_qty, max_qty)
            for warehouse, product, min_qty, max_qty in groups
        }

    @api.model
    def _chain_pack_sizes(self, products):
        """Units per pack the DC ships: the product's smallest packaging (1 without). ``{product_id: qty}``."""
        if not products:
            return {}
        groups = (
            self.env["product.packaging"]
            .sudo()  # sudo: packagings are product data every store applies
            ._read_group([("product_id", "in", products.ids), ("qty", ">", 0)], ["product_id"], ["qty:min"])
        )
        return {product.id: qty for product, qty in groups}

    @api.model
    def _chain_days_to_alert(self, products):
        """Days a fresh unit of each expiring product can be sold before it is near expiry.

        Total shelf life minus the near-expiry threshold of the product's shelf-life policy
        (the product's, else its closest category's; supplier-specific policies are ignored),
        else minus the product's alert time. Products that do not expire are left out.
        ``{product_id: days}``.
        """
        expiring = products.filtered("use_expiration_date")
        if not expiring:
            return {}
        # sudo: the policies are configuration every store applies
        policies = (
            self.env["chain.shelf.life.policy"]
            .sudo()
            .search(
                [("company_id", "=", self.env.company.id), ("partner_id", "=", False)], order="sequence desc, id desc"
            )
        )
        by_template, by_category = {}, {}
        for policy in policies:  # the last one written wins: lowest sequence, then lowest id
            if policy.product_tmpl_id:
                by_template[policy.product_tmpl_id.id] = policy
            elif policy.categ_id:
                by_category[policy.categ_id.id] = policy
        result = {}
        for product in expiring:
            policy = by_template.get(product.product_tmpl_id.id)
            if not policy:
                ancestors = [int(i) for i in (product.categ_id.parent_path or "").split("/") if i]
                policy = next((by_category[c] for c in reversed(ancestors) if c in by_category), None)
            total = (policy.shelf_life_days if policy else 0) or product.expiration_time
            if not total:
                continue
            near = None
            if policy and policy._threshold("near"):
                near = shelf_life.threshold_days(*policy._threshold("near"), total)
            elif product.alert_time:
                near = float(product.alert_time)
            result[product.id] = max(float_round(total - (near or 0.0), precision_digits=0), 0.0)
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _chain_action_view(self, stores=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "chain_stock_replenish.chain_replenish_suggestion_action"
        )
        if stores:
            action["domain"] = [("store_id", "in", stores.ids)]
        return action

    def _prepare_order_vals(self, store, route):
        """Hook: values of the requisition created for ``store`` from the suggestions of ``self``."""
        warehouse = store.warehouse_id
        return {
            "warehouse_id": warehouse.id,
            "location_id": warehouse.lot_stock_id.id,
            "company_id": store.company_id.id,
            "chain_origin": "pull",
            "stock_request_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "product_uom_id": line.product_id.uom_id.id,
                        "product_uom_qty": line.qty,
                        "warehouse_id": warehouse.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "company_id": store.company_id.id,
                        "route_id": route.id,
                    }
                )
                for line in self
            ],
        }

    def action_submit(self):
        """Turn the selected draft suggestions into one requisition per store and submit them.

        Lines with nothing to order are closed without a requisition line.
        """
        lines = self.filtered(lambda line: line.state == "draft")
        if not lines:
            raise UserError(_("Select suggestions that are still to submit."))
        orders = self.env["stock.request.order"]
        for store in lines.store_id:
            store_lines = lines.filtered(lambda line, store=store: line.store_id == store)
            to_order = store_lines.filtered(lambda line: line.qty > 0)
            order = orders.browse()
            if to_order:
                order = orders.create(to_order._prepare_order_vals(store, store._chain_replenish_route()))
                order.action_submit()
                orders |= order
            store_lines.write({"state": "submitted", "order_id": order.id})
        if not orders:
            return True
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_stock_replenish.stock_request_order_action_chain")
        action["domain"] = [("id", "in", orders.ids)]
        return action
