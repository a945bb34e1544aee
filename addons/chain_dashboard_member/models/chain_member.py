from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ChainMember(models.Model):
    _inherit = "chain.member"
    _chain_guarded_fields = {}  # a computed flag, never stored nor written

    chain_dashboard_active = fields.Boolean(
        string="Active (90 days)",
        compute="_compute_chain_dashboard_active",
        search="_search_chain_dashboard_active",
        help="Bought in the last 90 days (POS, and every sale the tiers count).",
    )

    def _compute_chain_dashboard_active(self):
        members = self.with_context(active_test=False)
        active = members.search([("id", "in", self.ids), ("chain_dashboard_active", "=", True)]) if self.ids else self
        for member in self:
            member.chain_dashboard_active = member in active

    @api.model
    def _chain_active_sql(self):
        """The ids of the members of the user's companies who bought in the last 90 days:
        the purchases the tiers count (``_chain_spend_sql``: POS and every channel its
        extensions add), a refund alone is no purchase."""
        Dashboard = self.env["chain.dashboard"]
        start = Dashboard._chain_active_start_utc()
        self.env["pos.order"].flush_model(["partner_id", "company_id", "state", "date_order", "amount_total"])
        self.flush_model(["partner_id", "company_id"])
        return SQL(" UNION ").join(
            SQL(
                "SELECT active_spend.member_id FROM (%s) AS active_spend WHERE active_spend.amount > 0",
                self._chain_spend_sql(company, start),
            )
            for company in self.env.companies
        )

    def _search_chain_dashboard_active(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search active members with “is set” or “is not set”."))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", SQL("(%s)", self._chain_active_sql()))]
