from odoo import _, api, models
from odoo.exceptions import ValidationError

# the liabilities of the section: (key, model, states still owed)
PREPAID_SOURCES = (
    ("deposits", "chain.member.deposit", ("open", "expired")),
    ("cards", "chain.member.service.card", ("active", "expired")),
)


class ChainDashboard(models.AbstractModel):
    """The outstanding prepaid liability on the dashboard: per selling store, what the members
    paid for formula deposits not yet picked up and service-card uses not yet given (expired
    ones included until a chain manager forfeits them), in the user's scope."""

    _inherit = "chain.dashboard"

    @api.model
    def get_dashboard_data(self, filters=None):
        """The core's figures, plus ``prepaid``: ``{"stores": [{store_id, code, name,
        deposits, cards, total}], "totals": {deposits, cards, total}}`` of the stores of the
        scope (False for a user who cannot read deposits)."""
        data = super().get_dashboard_data(filters)
        parsed = self._chain_parse_filters(filters)
        data["prepaid"] = self._chain_prepaid_section(self._chain_scope_stores(parsed))
        return data

    @api.model
    def _chain_prepaid_section(self, stores):
        """The outstanding liabilities of ``stores``, each summed set-based (``_read_group``)
        under the user's record rules. The liability is today's: the period filters do not apply."""
        if not all(self.env[model].has_access("read") for _key, model, _states in PREPAID_SOURCES):
            return False
        amounts = {}
        for key, model, states in PREPAID_SOURCES:
            for store, amount in self.env[model]._read_group(
                self._chain_prepaid_domain(model, states, stores), ["store_id"], ["amount_remaining:sum"]
            ):
                amounts.setdefault(store.id, {})[key] = amount
        rows = []
        totals = dict.fromkeys(("deposits", "cards", "total"), 0.0)
        for store_id, (code, name, _region_id, _region) in self._chain_store_rows(stores.ids).items():
            figures = amounts.get(store_id, {})
            row = {"store_id": store_id, "code": code, "name": name}
            for key, _model, _states in PREPAID_SOURCES:
                row[key] = round(figures.get(key, 0.0), 2)
                totals[key] += row[key]
            row["total"] = round(row["deposits"] + row["cards"], 2)
            totals["total"] += row["total"]
            rows.append(row)
        rows.sort(key=lambda row: (-row["total"], row["code"] or ""))
        return {"stores": rows, "totals": {key: round(value, 2) for key, value in totals.items()}}

    @api.model
    def _chain_prepaid_domain(self, model, states, stores):
        return [("store_id", "in", stores.ids), ("state", "in", states)]

    @api.model
    def action_prepaid_drilldown(self, filters=None, kind="deposits", store_id=False):
        """The deposits or cards behind a figure of the section, in the user's scope."""
        sources = {key: (model, states) for key, model, states in PREPAID_SOURCES}
        if kind not in sources:
            raise ValidationError(_("Unknown figure: %s", kind))
        stores = self._chain_scope_stores(self._chain_parse_filters(filters))
        if store_id:
            stores = stores.filtered(lambda store: store.id == store_id)
        model, states = sources[kind]
        return {
            "type": "ir.actions.act_window",
            "name": _("Formula Deposits") if kind == "deposits" else _("Service Cards"),
            "res_model": model,
            "views": [[False, "list"], [False, "form"]],
            "domain": self._chain_prepaid_domain(model, states, stores),
            "context": {"create": False},
        }
