from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib.period import PERIODS, change, last_year_period, period_bounds, previous_period, ratio

PAID_STATES = ("paid", "done", "invoiced")
SUMMARY_MODELS = ("chain.dashboard.daily", "chain.dashboard.daily.categ")
MEASURES = ("sales", "sales_untaxed", "margin", "units", "tickets", "member_sales")
WATERMARK_KEY = "chain_dashboard.watermark"
# orders written this long before the watermark are read again: a transaction that started
# before the last run may commit after it
WATERMARK_OVERLAP = timedelta(minutes=10)


class ChainDashboard(models.AbstractModel):
    """The chain dashboard: figures read from the daily summaries for a user's scope.

    Store staff and managers see their stores, region managers their regions, HQ the chain:
    the scope is ``res.users.chain_visible_store_ids``, applied here on the server to every
    query, whatever the client asks.
    """

    _name = "chain.dashboard"
    _description = "Chain Dashboard"
    _chain_guarded_fields = {}  # no field: figures are read in the user's scope

    # ------------------------------------------------------------------ time zone and SQL parts
    @api.model
    def _chain_tz(self):
        """The time zone that cuts the chain's days: parameter ``chain_dashboard.tz``, else
        the company's contact, else Asia/Shanghai."""
        # sudo: a configuration parameter read by every dashboard user
        name = self.env["ir.config_parameter"].sudo().get_param("chain_dashboard.tz")
        if not name:
            # one column of the company's contact: cheaper than fetching the whole partner,
            # and every dashboard request starts here
            self.env["res.partner"].flush_model(["tz"])
            self.env.cr.execute(
                SQL(
                    "SELECT p.tz FROM res_company c JOIN res_partner p ON p.id = c.partner_id WHERE c.id = %s",
                    self.env.company.id,
                )
            )
            name = self.env.cr.fetchone()[0]
        name = name or "Asia/Shanghai"
        return name if name in pytz.all_timezones_set else "Asia/Shanghai"

    @api.model
    def _chain_today(self):
        return datetime.now(pytz.timezone(self._chain_tz())).date()

    @api.model
    def _chain_utc_bounds(self, date_from, date_to, tz):
        """UTC naive datetimes ``[start, end)`` covering the local days ``date_from``..``date_to``."""
        zone = pytz.timezone(tz)

        def utc(day):
            return zone.localize(datetime.combine(day, time())).astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + timedelta(days=1))

    @api.model
    def _chain_local_day_sql(self, tz):
        return SQL("((o.date_order AT TIME ZONE 'UTC') AT TIME ZONE %s)::date", tz)

    @api.model
    def _chain_order_where(self, date_from, date_to, tz, store_ids=None):
        """The ``WHERE`` of the paid orders of the local days, in ``store_ids`` when given
        (``o`` is pos_order, ``cfg`` pos_config)."""
        start, end = self._chain_utc_bounds(date_from, date_to, tz)
        where = SQL(
            "o.state IN %s AND o.date_order >= %s AND o.date_order < %s AND cfg.chain_store_id IS NOT NULL",
            PAID_STATES,
            start,
            end,
        )
        if store_ids is not None:
            where = SQL("%s AND cfg.chain_store_id = ANY(%s)", where, list(store_ids))
        return where

    # ------------------------------------------------------------------ refresh
    @api.model
    def _chain_refresh(self, date_from, date_to, store_ids=None):
        """Re-aggregate the summaries of the local days ``date_from``..``date_to`` (of
        ``store_ids`` when given) from the POS order lines, with set-based SQL."""
        tz = self._chain_refresh_summaries(SUMMARY_MODELS, date_from, date_to, store_ids)
        # the last sale days are only moved forwards: no delete (an older day may hold the last sale)
        LastSale = self.env["chain.dashboard.last.sale"]
        self.env.cr.execute(LastSale._chain_refresh_sql(date_from, date_to, tz, store_ids))
        LastSale.invalidate_model()

    @api.model
    def _chain_refresh_summaries(self, model_names, date_from, date_to, store_ids=None):
        """Delete and re-aggregate the rows of the summary models ``model_names`` (each with its
        ``_chain_refresh_sql``) for the local days ``date_from``..``date_to`` (of ``store_ids``
        when given). Returns the time zone of the days."""
        tz = self._chain_tz()
        # the SQL below reads the tables: write pending ORM changes first
        self.env.flush_all()
        for model_name in model_names:
            Summary = self.env[model_name]
            where = SQL("date BETWEEN %s AND %s", date_from, date_to)
            if store_ids is not None:
                where = SQL("%s AND store_id = ANY(%s)", where, list(store_ids))
            self.env.cr.execute(SQL("DELETE FROM %s WHERE %s", SQL.identifier(Summary._table), where))
            self.env.cr.execute(Summary._chain_refresh_sql(date_from, date_to, tz, store_ids))
            Summary.invalidate_model()
        return tz

    @api.model
    def _chain_rebuild(self, date_from, date_to):
        """Rebuild every summary of the days ``date_from``..``date_to`` (dates or ISO strings)."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if not date_from or not date_to or date_from > date_to:
            raise UserError(_("Give the first and last day to rebuild, the first not after the last."))
        self._chain_refresh(date_from, date_to)
        self._chain_stock_refresh()
        return True

    @api.model
    def action_chain_rebuild(self):
        """Server action of HQ: rebuild the last 400 days."""
        if not self.env.user.has_group("chain_store.group_chain_manager"):
            raise AccessError(_("Only headquarters can rebuild the dashboard summaries."))
        today = self._chain_today()
        return self._chain_rebuild(today - timedelta(days=400), today)

    @api.model
    def _chain_refresh_pairs(self, pairs, refresh=None):
        """Refresh each local day of ``pairs`` (store id, day) for its stores only, with
        ``refresh(date_from, date_to, store_ids)`` (default :meth:`_chain_refresh`)."""
        refresh = refresh or self._chain_refresh
        by_day = defaultdict(set)
        for store_id, day in pairs:
            by_day[day].add(store_id)
        for day, store_ids in sorted(by_day.items()):
            refresh(day, day, sorted(store_ids))

    @api.model
    def _chain_refresh_sessions(self, sessions):
        """Refresh the days of the orders of ``sessions`` (called when they close)."""
        if not sessions:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT cfg.chain_store_id, %s FROM pos_order o
                     JOIN pos_config cfg ON cfg.id = o.config_id
                    WHERE o.session_id = ANY(%s) AND cfg.chain_store_id IS NOT NULL""",
                self._chain_local_day_sql(self._chain_tz()),
                sessions.ids,
            )
        )
        self._chain_refresh_pairs(self.env.cr.fetchall())

    @api.model
    def _cron_chain_refresh(self):
        """Every ~15 minutes: re-aggregate the (store, day) pairs of the orders written since
        the watermark, move the watermark to the newest write seen, then recompute the stock
        figures of every store. Returns the number of pairs refreshed."""
        # sudo: the watermark is a technical parameter only this cron writes
        params = self.env["ir.config_parameter"].sudo()
        mark = fields.Datetime.to_datetime(params.get_param(WATERMARK_KEY)) or datetime(1970, 1, 1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT cfg.chain_store_id, %s, max(o.write_date) OVER ()
                     FROM pos_order o JOIN pos_config cfg ON cfg.id = o.config_id
                    WHERE o.write_date > %s AND cfg.chain_store_id IS NOT NULL""",
                self._chain_local_day_sql(self._chain_tz()),
                mark - WATERMARK_OVERLAP,
            )
        )
        rows = self.env.cr.fetchall()
        if rows:
            self._chain_refresh_pairs((store_id, day) for store_id, day, _newest in rows)
            params.set_param(WATERMARK_KEY, fields.Datetime.to_string(max(rows[0][2], mark)))
        # the stock figures are a snapshot of the whole chain at each run
        self._chain_stock_refresh()
        return len(rows)

    # ------------------------------------------------------------------ filters and scope
    @api.model
    def _chain_parse_filters(self, filters):
        """Validate ``filters`` (dict from the client) into plain values; a bad value raises a
        translated ``ValidationError``."""
        filters = dict(filters or {})
        kind = filters.get("period") or "today"
        if kind not in PERIODS:
            raise ValidationError(_("Unknown period: %s", kind))
        try:
            first, last = period_bounds(
                kind,
                self._chain_today(),
                fields.Date.to_date(filters.get("date_from") or None),
                fields.Date.to_date(filters.get("date_to") or None),
            )
        except ValueError as error:
            raise ValidationError(_("Choose a first and a last day, the first not after the last.")) from error
        if (last - first).days > 731:
            raise ValidationError(_("The period is too long: %s days (two years at most).", (last - first).days + 1))
        channel = filters.get("channel") or "all"
        if channel not in dict(self._chain_channel_choices()):
            raise ValidationError(_("Unknown sales channel: %s", channel))

        return {
            "period": kind,
            "first": first,
            "last": last,
            "region_id": self._chain_filter_id(filters, "region_id"),
            "store_id": self._chain_filter_id(filters, "store_id"),
            "categ_id": self._chain_filter_id(filters, "categ_id"),
            "channel": channel,
        }

    @api.model
    def _chain_channel_choices(self):
        """``[(key, label)]`` of the channel filter: every channel, the stores' POS. The figures
        here are the POS summaries; an addon that brings the sales of other channels adds its
        keys here and its tables in :meth:`_chain_summary_sources`."""
        return [("all", _("All channels")), ("pos", _("Stores (POS)"))]

    @api.model
    def _chain_filter_id(self, filters, key):
        value = filters.get(key)
        try:
            return int(value) if value else False
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Invalid filter %(key)s: %(value)s", key=key, value=value)) from error

    @api.model
    def _chain_scope_level(self):
        user = self.env.user
        if user.has_group("chain_store.group_chain_manager"):
            return "chain"
        if user.has_group("chain_store.group_chain_region_manager") and user.chain_managed_region_ids:
            return "region"
        return "store"

    @api.model
    def _chain_scope_stores(self, parsed):
        """The stores the figures cover: the user's visible stores narrowed by the region and
        store filters. Asking for a store or region out of the user's scope raises."""
        Store = self.env["chain.store"]
        # sudo: the stores the user sees, as ``res.users.chain_visible_store_ids`` computes them
        # (archived ones included), without reading their warehouses as that compute does
        visible = Store.sudo().with_context(active_test=False).search(self.env.user._get_chain_visible_store_domain())
        stores = Store.browse(visible.ids)
        if parsed["region_id"]:
            in_region = Store.search([("id", "in", stores.ids), ("region_id", "child_of", parsed["region_id"])])
            if not in_region:
                raise AccessError(_("You cannot see the figures of this region."))
            stores = in_region
        if parsed["store_id"]:
            if parsed["store_id"] not in stores.ids:
                raise AccessError(_("You cannot see the figures of store #%s.", parsed["store_id"]))
            stores = Store.browse(parsed["store_id"])
        return stores

    # ------------------------------------------------------------------ figures
    @api.model
    def _chain_summary_sources(self, parsed):
        """``[(table, extra where)]`` of the summaries the figures add up: the POS category
        table under a category filter, else the POS store-day table. An addon bringing the sales
        of other channels adds its tables here (by the ``channel`` filter)."""
        if parsed["categ_id"]:
            categs = self.env["product.category"].search([("id", "child_of", parsed["categ_id"])])
            return [
                (
                    SQL.identifier(self.env["chain.dashboard.daily.categ"]._table),
                    SQL("AND categ_id = ANY(%s)", categs.ids),
                )
            ]
        return [(SQL.identifier(self.env["chain.dashboard.daily"]._table), SQL())]

    @api.model
    def _chain_aggregate(self, parsed, store_ids, first, last, group_by=None):
        """Summed measures of the summaries over ``first``..``last`` for ``store_ids``, as a list
        of dicts, one per ``group_by`` value ("store_id" or "date") or a single total."""
        key = SQL.identifier(group_by) if group_by else SQL("NULL::integer")
        rows = SQL(" UNION ALL ").join(
            SQL(
                """SELECT %(key)s AS key, sales, sales_untaxed, margin, units, tickets, member_sales
                     FROM %(table)s
                    WHERE date BETWEEN %(first)s AND %(last)s AND store_id = ANY(%(stores)s) %(extra)s""",
                key=key,
                table=table,
                first=first,
                last=last,
                stores=list(store_ids),
                extra=extra,
            )
            for table, extra in self._chain_summary_sources(parsed)
        )
        self.env.cr.execute(
            SQL(
                """SELECT %(key)s, COALESCE(SUM(sales), 0), COALESCE(SUM(sales_untaxed), 0),
                          COALESCE(SUM(margin), 0), COALESCE(SUM(units), 0), COALESCE(SUM(tickets), 0),
                          COALESCE(SUM(member_sales), 0)
                     FROM (%(rows)s) summary
                    %(grouping)s""",
                key=SQL("key") if group_by else SQL("NULL"),
                rows=rows,
                grouping=SQL("GROUP BY key ORDER BY 1") if group_by else SQL(),
            )
        )
        return [dict(zip(("key",) + MEASURES, row, strict=True)) for row in self.env.cr.fetchall()]

    @api.model
    def _chain_kpis(self, values):
        """Derived figures of one set of summed measures."""
        values = values or dict.fromkeys(MEASURES, 0.0)
        return {
            "sales": values["sales"],
            "tickets": values["tickets"],
            "avg_ticket": ratio(values["sales"], values["tickets"]),
            "upt": ratio(values["units"], values["tickets"]),
            "margin": values["margin"],
            "margin_rate": ratio(values["margin"], values["sales_untaxed"]) * 100,
            "member_share": ratio(values["member_sales"], values["sales"]) * 100,
        }

    @api.model
    def _chain_store_rows(self, store_ids):
        """``{id: (code, name, region id, region name)}`` of the stores, in one query."""
        self.env["chain.store"].flush_model(["code", "name", "region_id"])
        self.env["chain.store.region"].flush_model(["complete_name"])
        self.env.cr.execute(
            SQL(
                """SELECT s.id, s.code, s.name, r.id, r.complete_name
                     FROM chain_store s LEFT JOIN chain_store_region r ON r.id = s.region_id
                    WHERE s.id = ANY(%s)""",
                list(store_ids),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def get_dashboard_data(self, filters=None):
        """The sales figures of the dashboard for ``filters`` (keys ``period``, ``date_from``,
        ``date_to``, ``region_id``, ``store_id``, ``categ_id``, ``channel``), within the
        user's scope, read from the summaries only: KPI cards with the previous period and last
        year, store ranking, regions, daily trend and channel health. The filter choices come
        from :meth:`get_dashboard_options`, the stock figures from :meth:`get_dashboard_stock`.
        JSON-serialisable."""
        parsed = self._chain_parse_filters(filters)
        stores = self._chain_scope_stores(parsed)
        first, last = parsed["first"], parsed["last"]
        ids = stores.ids
        by_store = {row["key"]: row for row in self._chain_aggregate(parsed, ids, first, last, "store_id")}
        total = {m: sum(row[m] for row in by_store.values()) for m in MEASURES}
        kpis = self._chain_kpis(total)
        comparisons = {}
        for name, (c_first, c_last) in (
            ("previous", previous_period(first, last)),
            ("last_year", last_year_period(first, last)),
        ):
            rows = self._chain_aggregate(parsed, ids, c_first, c_last)
            ref = self._chain_kpis(rows[0] if rows else None)
            comparisons[name] = {
                "first": fields.Date.to_string(c_first),
                "last": fields.Date.to_string(c_last),
                "kpis": ref,
                "change": {k: change(kpis[k], ref[k]) for k in kpis},
            }
        ranking, regions = [], {}
        no_region = _("No region")
        zero = dict.fromkeys(MEASURES, 0.0)
        for store_id, (code, name, region_id, region_name) in self._chain_store_rows(ids).items():
            measures = by_store.get(store_id, zero)
            ranking.append(
                {
                    "store_id": store_id,
                    "code": code,
                    "name": name,
                    "region": region_name or "",
                    **self._chain_kpis(measures),
                }
            )
            reg = regions.setdefault(
                region_id or 0,
                {"region_id": region_id or False, "name": region_name or no_region, "stores": 0, **zero},
            )
            reg["stores"] += 1
            for measure in MEASURES:
                reg[measure] += measures[measure]
        ranking.sort(key=lambda r: (-r["sales"], r["code"]))
        for rank, row in enumerate(ranking, 1):
            row["rank"] = rank
        region_rows = sorted(
            (
                {"region_id": r["region_id"], "name": r["name"], "stores": r["stores"], **self._chain_kpis(r)}
                for r in regions.values()
            ),
            key=lambda r: -r["sales"],
        )
        trend = [
            {
                "date": fields.Date.to_string(row["key"]),
                "sales": row["sales"],
                "tickets": row["tickets"],
                "margin": row["margin"],
            }
            for row in self._chain_aggregate(parsed, ids, first, last, "date")
        ]
        return {
            "filters": {
                **parsed,
                "first": fields.Date.to_string(first),
                "last": fields.Date.to_string(last),
            },
            "scope": {"level": self._chain_scope_level(), "store_count": len(stores)},
            "currency": self.env.company.currency_id.symbol,
            "kpis": kpis,
            "comparisons": comparisons,
            "ranking": ranking,
            "regions": region_rows,
            "trend": trend,
            "channel_health": self._chain_channel_health(),
        }

    @api.model
    def get_dashboard_options(self):
        """The filter choices of the user's scope: stores, regions, top categories, periods
        (loaded once when the dashboard opens)."""
        return self._chain_filter_options()

    @api.model
    def get_dashboard_stock(self, filters=None):
        """The stock figures of the dashboard for ``filters`` within the user's scope (a call of
        its own: they read the live quants, the sales figures only the summaries)."""
        parsed = self._chain_parse_filters(filters)
        stores = self._chain_scope_stores(parsed)
        rows = self._chain_aggregate(parsed, stores.ids, parsed["first"], parsed["last"])
        total = rows[0] if rows else dict.fromkeys(MEASURES, 0.0)
        return self._chain_stock_section(parsed, stores, total)

    @api.model
    def _chain_filter_options(self):
        visible = self.env.user.chain_visible_store_ids
        return {
            "stores": [{"id": s.id, "name": s.display_name} for s in visible],
            "regions": [{"id": r.id, "name": r.complete_name} for r in visible.region_id],
            "categories": [
                {"id": c.id, "name": c.complete_name}
                for c in self.env["product.category"].search([("parent_id", "=", False)])
                | self.env["product.category"].search([("parent_id.parent_id", "=", False), ("parent_id", "!=", False)])
            ],
            "periods": list(PERIODS),
            "channels": [{"id": key, "name": label} for key, label in self._chain_channel_choices()],
        }

    @api.model
    def _chain_channel_health(self):
        """Failed channel messages when ``chain_channel`` is installed (no dependency on it)."""
        domain = self._chain_channel_health_domain()
        if domain is None:
            return False
        return {"failed": self.env["chain.channel.message"].search_count(domain)}

    @api.model
    def _chain_channel_health_domain(self):
        """Domain of the channel messages waiting for someone (needing attention or failed), or
        None without ``chain_channel`` or without the right to read them."""
        Message = self.env.get("chain.channel.message")
        if Message is None or "state" not in Message._fields:
            return None
        states = dict(Message._fields["state"]._description_selection(self.env))
        failed = [s for s in ("failed", "attention", "needs_attention", "error") if s in states]
        if not failed or not Message.has_access("read"):
            return None
        return [("state", "in", failed)]

    @api.model
    def action_channel_health_drilldown(self):
        """The channel messages behind the channel health figure."""
        domain = self._chain_channel_health_domain()
        if domain is None:
            raise AccessError(_("You cannot see the channel messages."))
        name = _("Channel messages waiting")
        return self._chain_list_action("chain.channel.message", name, domain, {"create": False})

    # ------------------------------------------------------------------ drill-down
    @api.model
    def _chain_drilldown_scope(self, filters, store_id=False, date=False):
        """``(parsed filters, stores, UTC start, UTC end)`` of a drill-down: the user's scope
        narrowed to ``store_id`` and the period to the local day ``date`` when given."""
        parsed = self._chain_parse_filters(filters)
        if store_id:
            parsed["store_id"] = int(store_id)
        stores = self._chain_scope_stores(parsed)
        first = last = fields.Date.to_date(date) if date else None
        start, end = self._chain_utc_bounds(first or parsed["first"], last or parsed["last"], self._chain_tz())
        return parsed, stores, start, end

    @api.model
    def action_drilldown(self, filters=None, store_id=False, date=False):
        """The list of the POS orders behind a figure (lines under a category filter), within the
        user's scope, optionally for one store (``store_id``) or one day (``date``)."""
        parsed, stores, start, end = self._chain_drilldown_scope(filters, store_id, date)
        if parsed["categ_id"]:
            model, prefix, name = "pos.order.line", "order_id.", _("Sold lines")
        else:
            model, prefix, name = "pos.order", "", _("Tickets")
        domain = [
            (f"{prefix}config_id.chain_store_id", "in", stores.ids),
            (f"{prefix}date_order", ">=", fields.Datetime.to_string(start)),
            (f"{prefix}date_order", "<", fields.Datetime.to_string(end)),
            (f"{prefix}state", "in", list(PAID_STATES)),
        ]
        if parsed["categ_id"]:
            domain.append(("product_id.categ_id", "child_of", parsed["categ_id"]))
        return self._chain_list_action(model, name, domain)

    @api.model
    def _chain_list_action(self, model, name, domain, context=None):
        """The list (then form) of the ``model`` records behind a figure."""
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [[False, "list"], [False, "form"]],
            "domain": domain,
            "target": "current",
            "context": context or {},
        }
