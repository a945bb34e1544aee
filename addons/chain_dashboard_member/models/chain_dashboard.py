from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.chain_dashboard.models.chain_dashboard import SUMMARY_MODELS

from ..lib import member_figures


class ChainDashboard(models.AbstractModel):
    """Members on the dashboard: the summaries' members' sales count the customers who are
    members (not any customer), and a member section adds new and active members and the
    follow-ups' conversion per store, each drilling down to its records, in the user's scope."""

    _inherit = "chain.dashboard"

    # ------------------------------------------------------------------ SQL parts
    @api.model
    def _chain_member_join_sql(self, order_alias):
        """The ``JOIN`` keeping the orders (alias ``order_alias``) whose customer is a member
        of the order's company: the member's contact is the customer's commercial partner.
        Forgotten members (anonymized) still count: their sales are kept."""
        order = SQL.identifier(order_alias)
        return SQL(
            """JOIN res_partner member_partner ON member_partner.id = %(order)s.partner_id
               JOIN chain_member member_row ON member_row.partner_id = member_partner.commercial_partner_id
                AND member_row.company_id = %(order)s.company_id""",
            order=order,
        )

    @api.model
    def _chain_summary_target_sql(self, alias, date_from, date_to, store_ids=None):
        """The summary rows (alias ``alias``) of the days ``date_from``..``date_to``, of
        ``store_ids`` when given."""
        table = SQL.identifier(alias)
        where = SQL("%s.date BETWEEN %s AND %s", table, date_from, date_to)
        if store_ids is not None:
            where = SQL("%s AND %s.store_id = ANY(%s)", where, table, list(store_ids))
        return where

    # ------------------------------------------------------------------ refresh
    @api.model
    def _chain_refresh_summaries(self, model_names, date_from, date_to, store_ids=None):
        """The core's summaries, then their members' sales (``_chain_member_sales_sql`` of
        each summary model that has one)."""
        tz = super()._chain_refresh_summaries(model_names, date_from, date_to, store_ids)
        self._chain_apply_member_sales(model_names, date_from, date_to, tz, store_ids)
        return tz

    @api.model
    def _chain_apply_member_sales(self, model_names, date_from, date_to, tz, store_ids=None):
        for model_name in model_names:
            Summary = self.env[model_name]
            if hasattr(Summary, "_chain_member_sales_sql"):
                self.env.cr.execute(Summary._chain_member_sales_sql(date_from, date_to, tz, store_ids))
                Summary.invalidate_model()

    @api.model
    def _chain_refresh_member_sales(self, date_from, date_to, store_ids=None):
        """Recompute only the members' sales of the POS summaries of the days (after this
        addon's installation; a member enrolled later counts from the next refresh of the
        days of their orders)."""
        self.env.flush_all()
        self._chain_apply_member_sales(SUMMARY_MODELS, date_from, date_to, self._chain_tz(), store_ids)

    # ------------------------------------------------------------------ figures
    @api.model
    def get_dashboard_data(self, filters=None):
        """The core's figures, plus ``members``: the member figures of each store of the scope
        and their totals (see ``lib.member_figures.store_rows``), False for a user who cannot
        read members."""
        data = super().get_dashboard_data(filters)
        parsed = self._chain_parse_filters(filters)
        data["members"] = self._chain_member_section(parsed, self._chain_scope_stores(parsed), data)
        return data

    @api.model
    def _chain_member_section(self, parsed, stores, data):
        """``{"stores": [...], "totals": {...}, "active_days": 90}`` of the scope ``stores``,
        each figure counted set-based (``_read_group``) under the user's record rules."""
        Member = self.env["chain.member"]
        Followup = self.env["chain.member.followup"]
        if not (Member.has_access("read") and Followup.has_access("read")):
            return False
        first, last = parsed["first"], parsed["last"]
        sales = {
            row["key"]: (row["member_sales"], row["sales"])
            for row in self._chain_aggregate(parsed, stores.ids, first, last, "store_id")
        }
        new = {
            store.id: count
            for store, count in Member.with_context(active_test=False)._read_group(
                self._chain_new_member_domain(stores, first, last), ["home_store_id"], ["__count"]
            )
        }
        active = {
            store.id: count
            for store, count in Member._read_group(
                self._chain_active_member_domain(stores), ["home_store_id"], ["__count"]
            )
        }
        followups = {}
        for store, outcome, count in Followup._read_group(
            self._chain_followup_domain(stores, first, last), ["store_id", "outcome"], ["__count"]
        ):
            followups.setdefault(store.id, {})[outcome] = count
        store_rows = self._chain_store_rows(stores.ids)
        rows, totals = member_figures.store_rows(
            [(store_id, code, name) for store_id, (code, name, _rid, _rname) in store_rows.items()],
            sales,
            new,
            active,
            followups,
        )
        # the scope's share is the core's KPI (it follows the channel and category filters)
        totals["member_share"] = data["kpis"]["member_share"] if data["kpis"]["sales"] else None
        return {"stores": rows, "totals": totals, "active_days": member_figures.ACTIVE_DAYS}

    @api.model
    def _chain_new_member_domain(self, stores, first, last):
        """The members who joined in ``first``..``last``, by home store (a member merged into
        another is not a new member; a forgotten one joined all the same)."""
        return [
            ("home_store_id", "in", stores.ids),
            ("join_date", ">=", first),
            ("join_date", "<=", last),
            ("state", "!=", "merged"),
        ]

    @api.model
    def _chain_active_member_domain(self, stores):
        """The members of ``stores`` (home store) who bought in the last 90 days."""
        return [("home_store_id", "in", stores.ids), ("chain_dashboard_active", "=", True)]

    @api.model
    def _chain_followup_domain(self, stores, first, last, outcome=None):
        """The follow-ups of ``stores`` created in ``first``..``last``; ``outcome``: "done"
        (an outcome recorded) or an outcome's key."""
        domain = [("store_id", "in", stores.ids), ("date", ">=", first), ("date", "<=", last)]
        if outcome == "done":
            domain.append(("outcome", "!=", False))
        elif outcome:
            domain.append(("outcome", "=", outcome))
        return domain

    # ------------------------------------------------------------------ drill-down
    @api.model
    def action_member_drilldown(self, filters=None, kind="new", store_id=False):
        """The records behind a member figure, in the user's scope (``store_id`` narrows it):
        ``sales`` the members' orders (as the sales drill-down, members only), ``new`` and
        ``active`` the members, ``followups`` the follow-ups done, ``purchased`` those that
        converted."""
        if kind not in member_figures.KINDS:
            raise ValidationError(_("Unknown member figure: %s", kind))
        if kind == "sales":
            action = self.action_drilldown(filters, store_id=store_id)
            prefix = "order_id." if action["res_model"].endswith(".line") else ""
            action["domain"] = [*action["domain"], (f"{prefix}partner_id.chain_is_member", "=", True)]
            action["name"] = _("Members' orders")
            return action
        parsed, stores, _start, _end = self._chain_drilldown_scope(filters, store_id)
        first, last = parsed["first"], parsed["last"]
        if kind == "new":
            return self._chain_list_action(
                "chain.member",
                _("New members"),
                self._chain_new_member_domain(stores, first, last),
                {"active_test": False, "create": False},
            )
        if kind == "active":
            return self._chain_list_action(
                "chain.member",
                _("Active members (last %s days)", member_figures.ACTIVE_DAYS),
                self._chain_active_member_domain(stores),
                {"create": False},
            )
        outcome = "purchased" if kind == "purchased" else "done"
        name = _("Follow-ups that converted") if kind == "purchased" else _("Follow-ups done")
        return self._chain_list_action(
            "chain.member.followup", name, self._chain_followup_domain(stores, first, last, outcome), {"create": False}
        )

    @api.model
    def _chain_active_since(self):
        """The first local day of the 90 days that end today."""
        return member_figures.active_since(self._chain_today())

    @api.model
    def _chain_active_start_utc(self):
        """UTC start of ``_chain_active_since`` (the chain's days are local)."""
        return self._chain_utc_bounds(self._chain_active_since(), self._chain_today(), self._chain_tz())[0]
