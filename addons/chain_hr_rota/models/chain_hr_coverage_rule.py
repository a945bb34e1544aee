from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import rota as rota_lib

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
SUGGEST_WEEKS = 8


class ChainHrCoverageRule(models.Model):
    """The minimum headcount of a store (or of every store of the company) on a weekday's hours.

    A store with rules of its own for a weekday uses those for that day; otherwise the company-wide
    rules of the weekday apply. Where rules overlap, the highest minimum counts. Rules may be suggested
    from the store's POS tickets (``_chain_suggest``).
    """

    _name = "chain.hr.coverage.rule"
    _description = "Coverage Rule"
    _order = "store_id, weekday, hour_from, id"
    _chain_guarded_fields = {}  # configuration: no workflow
    _chain_store_field = "store_id"

    store_id = fields.Many2one(
        "chain.store", string="Store", index=True, check_company=True,
        help="Empty: every store of the company without rules of its own for that weekday.",
    )  # fmt: skip
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    weekday = fields.Selection(WEEKDAYS, required=True, default="0")
    hour_from = fields.Integer(required=True, default=9)
    hour_to = fields.Integer(required=True, default=21)
    min_headcount = fields.Integer(string="Minimum Headcount", required=True, default=1)
    suggested = fields.Boolean(readonly=True, help="Suggested from the store's POS tickets.")

    @api.depends("store_id", "weekday", "hour_from", "hour_to", "min_headcount")
    def _compute_display_name(self):
        days = dict(self._fields["weekday"]._description_selection(self.env))
        for rule in self:
            where = rule.store_id.code or _("All stores")
            rule.display_name = (
                f"{where} {days.get(rule.weekday, '')} {rule.hour_from:02d}-{rule.hour_to:02d} ≥ {rule.min_headcount}"
            )

    @api.constrains("hour_from", "hour_to", "min_headcount")
    def _check_hours(self):
        for rule in self:
            if not 0 <= rule.hour_from < rule.hour_to <= 24:
                raise ValidationError(_("A coverage rule runs from an hour to a later one, between 0 and 24."))
            if rule.min_headcount < 0:
                raise ValidationError(_("A minimum headcount cannot be negative."))

    @api.constrains("store_id", "company_id")
    def _check_store_company(self):
        for rule in self:
            if rule.store_id and rule.store_id.company_id != rule.company_id:
                raise ValidationError(_("The store of a coverage rule belongs to the rule's company."))

    @api.model
    def _chain_minimums(self, store):
        """``{(weekday, hour): min_headcount}`` for ``store`` (see the class docstring)."""
        # sudo: the rules are the chain's configuration, read for any store the user plans
        rules = self.sudo().search([("company_id", "=", store.company_id.id), ("store_id", "in", [False, store.id])])
        own_days = {int(rule.weekday) for rule in rules if rule.store_id}
        minimums = {}
        for rule in rules:
            weekday = int(rule.weekday)
            if not rule.store_id and weekday in own_days:
                continue
            for hour in range(rule.hour_from, rule.hour_to):
                minimums[(weekday, hour)] = max(minimums.get((weekday, hour), 0), rule.min_headcount)
        return minimums

    @api.model
    def _chain_ticket_counts(self, stores, date_to):
        """``{(store_id, weekday, hour): tickets}``: the paid POS orders (no refunds) of ``stores`` in
        the ``SUGGEST_WEEKS`` weeks before ``date_to`` (a datetime, UTC), per store-local weekday and
        hour, in one query."""
        if not stores:
            return {}
        date_from = date_to - timedelta(weeks=SUGGEST_WEEKS)
        self.env["pos.order"].flush_model(["date_order", "session_id", "state", "amount_total"])
        self.env.cr.execute(
            SQL(
                """
                WITH tickets AS (
                    SELECT cfg.chain_store_id AS store_id,
                           (po.date_order AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(st.tz, 'Asia/Shanghai') AS local
                      FROM pos_order po
                      JOIN pos_session ps ON ps.id = po.session_id
                      JOIN pos_config cfg ON cfg.id = ps.config_id
                      JOIN chain_store st ON st.id = cfg.chain_store_id
                     WHERE cfg.chain_store_id IN %(stores)s
                       AND po.state IN ('paid', 'done', 'invoiced')
                       AND po.amount_total > 0
                       AND po.date_order >= %(date_from)s AND po.date_order < %(date_to)s
                )
                SELECT store_id, (EXTRACT(ISODOW FROM local)::int - 1) AS weekday,
                       EXTRACT(HOUR FROM local)::int AS hour, COUNT(*)
                  FROM tickets
                 GROUP BY 1, 2, 3
                """,
                stores=tuple(stores.ids),
                date_from=date_from,
                date_to=date_to,
            )
        )
        return {(store, weekday, hour): count for store, weekday, hour, count in self.env.cr.fetchall()}

    @api.model
    def _chain_suggest(self, stores, date_to=None):
        """Replace the suggested rules of ``stores`` by rules from their tickets of the last 8 weeks:
        per weekday and hour, the average tickets over ``tickets_per_staff_hour`` (company setting),
        rounded up; consecutive hours of equal headcount make one rule. Rules entered by hand stay.
        Returns the new rules."""
        date_to = date_to or fields.Datetime.now()
        counts = self._chain_ticket_counts(stores, date_to)
        per_day = defaultdict(dict)
        for (store_id, weekday, hour), tickets in counts.items():
            store = stores.browse(store_id)
            per_day[(store_id, weekday)][hour] = rota_lib.suggest_headcount(
                tickets, SUGGEST_WEEKS, store.company_id.chain_rota_tickets_per_staff_hour
            )
        self.search([("store_id", "in", stores.ids), ("suggested", "=", True)]).unlink()
        vals_list = []
        for (store_id, weekday), headcounts in sorted(per_day.items()):
            store = stores.browse(store_id)
            for hour_from, hour_to, headcount in rota_lib.merge_hours(headcounts):
                vals_list.append(
                    {
                        "store_id": store_id,
                        "company_id": store.company_id.id,
                        "weekday": str(weekday),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "min_headcount": headcount,
                        "suggested": True,
                    }
                )
        return self.create(vals_list)
