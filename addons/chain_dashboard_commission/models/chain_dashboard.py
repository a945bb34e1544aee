from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import target_figures


class ChainDashboard(models.AbstractModel):
    """Targets on the dashboard: this month's achievement to date per store — sales, members
    enrolled and formula share against the store's monthly targets — in the user's scope."""

    _inherit = "chain.dashboard"

    # ------------------------------------------------------------------ refresh
    @api.model
    def _chain_refresh_summaries(self, model_names, date_from, date_to, store_ids=None):
        """The core's summaries, then the formula sales of the store-day summaries."""
        tz = super()._chain_refresh_summaries(model_names, date_from, date_to, store_ids)
        if "chain.dashboard.daily" in model_names:
            self._chain_apply_formula_sales(date_from, date_to, tz, store_ids)
        return tz

    @api.model
    def _chain_apply_formula_sales(self, date_from, date_to, tz, store_ids=None):
        Daily = self.env["chain.dashboard.daily"]
        self.env.cr.execute(Daily._chain_formula_sales_sql(date_from, date_to, tz, store_ids))
        Daily.invalidate_model(["formula_sales"])

    @api.model
    def _chain_refresh_formula_sales(self, date_from, date_to, store_ids=None):
        """Recompute only the formula sales of the store-day summaries of the days."""
        self.env.flush_all()
        self._chain_apply_formula_sales(date_from, date_to, self._chain_tz(), store_ids)

    # ------------------------------------------------------------------ figures
    @api.model
    def get_dashboard_data(self, filters=None):
        """The core's figures, plus ``targets``: this month's achievement to date of each store
        of the scope, ``{"month", "first", "last", "stores": [{store_id, code, name, sales,
        sales_target, sales_achievement, members, members_target, members_achievement,
        formula_share, formula_share_target, formula_share_achievement}], "totals": {...}}``
        (achievements in %, ``None`` without a target), False for a user who cannot read the
        targets. The targets are monthly: the period filters do not apply."""
        data = super().get_dashboard_data(filters)
        parsed = self._chain_parse_filters(filters)
        data["targets"] = self._chain_target_section(self._chain_scope_stores(parsed))
        return data

    @api.model
    def _chain_target_section(self, stores, today=None):
        if not self.env["chain.commission.target"].has_access("read"):
            return False
        today = today or self._chain_today()
        first = today.replace(day=1)
        figures = self._chain_target_figures(stores, first, today)
        targets = self._chain_store_targets(stores, first)
        rows = []
        for store_id, (code, name, _region_id, _region) in self._chain_store_rows(stores.ids).items():
            row = target_figures.row(figures.get(store_id, {}), targets.get(store_id, {}))
            rows.append({"store_id": store_id, "code": code, "name": name, **row})
        rows.sort(key=lambda row: (row["sales_achievement"] is None, -(row["sales_achievement"] or 0), row["code"]))
        formula_sales = sum(figures.get(store_id, {}).get("formula_sales", 0.0) for store_id in stores.ids)
        return {
            "month": first.strftime("%Y-%m"),
            "first": fields.Date.to_string(first),
            "last": fields.Date.to_string(today),
            "stores": rows,
            "totals": target_figures.totals(rows, formula_sales),
        }

    @api.model
    def _chain_target_figures(self, stores, first, last):
        """``{store_id: {sales, formula_sales, members}}`` of ``first``..``last``: the untaxed
        sales and formula sales from the store-day summaries (one query), the members who joined
        (home store) from ``chain.member`` (one ``_read_group``)."""
        figures = {}
        if not stores:
            return figures
        self.env.cr.execute(
            SQL(
                """SELECT store_id, COALESCE(SUM(sales_untaxed), 0), COALESCE(SUM(formula_sales), 0)
                     FROM chain_dashboard_daily
                    WHERE date BETWEEN %s AND %s AND store_id = ANY(%s)
                    GROUP BY store_id""",
                first,
                last,
                stores.ids,
            )
        )
        for store_id, sales, formula_sales in self.env.cr.fetchall():
            figures[store_id] = {"sales": sales, "formula_sales": formula_sales, "members": 0}
        # sudo: a count of the members who joined the stores of the user's scope (no member is read)
        for store, count in (
            self.env["chain.member"]
            .sudo()
            ._read_group(self._chain_target_member_domain(stores, first, last), ["home_store_id"], ["__count"])
        ):
            figures.setdefault(store.id, {"sales": 0.0, "formula_sales": 0.0})["members"] = count
        return figures

    @api.model
    def _chain_target_member_domain(self, stores, first, last):
        """The members enrolled in ``stores`` (home store) between ``first`` and ``last``."""
        return [
            ("home_store_id", "in", stores.ids),
            ("join_date", ">=", first),
            ("join_date", "<=", last),
            ("state", "!=", "merged"),
        ]

    @api.model
    def _chain_store_targets(self, stores, month):
        """``{store_id: {sales_target, members_target, formula_share_target}}`` of ``month``:
        the store's own target (no employee), else the sum of its employees' targets (the
        formula share: their mean). Read under the user's record rules."""
        own, staff = {}, {}
        for store, employee, sales, members, share in self.env["chain.commission.target"]._read_group(
            [("store_id", "in", stores.ids), ("month", "=", month)],
            ["store_id", "employee_id"],
            ["sales_target:sum", "members_target:sum", "formula_share_target:sum"],
        ):
            if employee:
                staff.setdefault(store.id, []).append((sales, members, share))
            else:
                own[store.id] = (sales, members, share)
        targets = {}
        for store_id in set(own) | set(staff):
            rows = staff.get(store_id, [])
            mine = own.get(store_id)
            targets[store_id] = {
                "sales_target": target_figures.store_target(mine and mine[0], [r[0] for r in rows]),
                "members_target": target_figures.store_target(mine and mine[1], [r[1] for r in rows]),
                "formula_share_target": (mine[2] if mine else (sum(r[2] for r in rows) / len(rows) if rows else 0.0)),
            }
        return targets
