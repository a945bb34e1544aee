from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..lib import pnl


class ChainStorePnl(models.AbstractModel):
    """The store P&L: journal items of income and expense accounts, classified by account and
    split among stores by the percentages of their analytic distribution (plan "Stores").

    Set-based: one scan of the period's posted journal items of P&L accounts, each line split
    by a lateral join on its distribution; what no store carries is "unassigned", so that the
    stores and the unassigned part add up to the company's P&L.
    """

    _name = "chain.store.pnl"
    _description = "Store P&L"
    _chain_guarded_fields = {}  # no stored fields

    # -- scope ----------------------------------------------------------------------

    @api.model
    def _chain_pnl_full_access(self):
        """Accountants and the chain manager see every store and the unassigned part."""
        if self.env.su:
            return True
        user = self.env.user
        return user.has_group("account.group_account_readonly") or user.has_group("chain_store.group_chain_manager")

    @api.model
    def _chain_pnl_allowed_stores(self):
        """The stores whose P&L the user may read: every store for accountants and the chain manager,
        the visible stores (own, or their regions') for store and region managers; store staff none."""
        # sudo: the scope is computed here, from the user's groups and stores
        Store = self.env["chain.store"].sudo().with_context(active_test=False)
        if self._chain_pnl_full_access():
            return Store.search([("company_id", "in", self.env.companies.ids)])
        if self.env.user.has_group("chain_store.group_chain_store_manager"):
            return Store.browse(self.env.user.chain_visible_store_ids.ids)
        raise AccessError(_("Only store managers, region managers and accountants can read the store P&L."))

    # -- classification ---------------------------------------------------------------

    @api.model
    def _chain_pnl_category_sql(self, company, account_alias="acc"):
        """SQL classifying a journal item by its account into a P&L category."""
        shrinkage = company._chain_shrinkage_accounts().ids or [0]
        commission = company.chain_commission_account_ids.ids or [0]
        acc = SQL.identifier(account_alias)
        return SQL(
            """CASE WHEN %(acc)s.id = ANY(%(shrinkage)s) THEN 'shrinkage'
                    WHEN %(acc)s.id = ANY(%(commission)s) THEN 'commission'
                    WHEN %(acc)s.account_type IN %(income)s THEN 'sales'
                    WHEN %(acc)s.account_type IN %(cogs)s THEN 'cogs'
                    ELSE 'expenses' END""",
            acc=acc,
            shrinkage=shrinkage,
            commission=commission,
            income=pnl.INCOME_TYPES,
            cogs=pnl.COGS_TYPES,
        )

    @api.model
    def _chain_pnl_accounts(self, company, category):
        """The accounts of ``company`` the P&L shows under ``category`` (for the drill-down)."""
        # sudo: the chart is read to classify; the caller's rights are checked by the report
        accounts = (
            self.env["account.account"]
            .sudo()
            .with_company(company)
            .search([("company_ids", "in", company.ids), ("account_type", "in", pnl.INCOME_TYPES + pnl.EXPENSE_TYPES)])
        )
        shrinkage, commission = company._chain_shrinkage_accounts(), company.chain_commission_account_ids
        if category == "shrinkage":
            return accounts & shrinkage
        if category == "commission":
            return (accounts & commission) - shrinkage
        rest = accounts - shrinkage - commission
        if category == "sales":
            return rest.filtered(lambda a: a.account_type in pnl.INCOME_TYPES)
        if category == "cogs":
            return rest.filtered(lambda a: a.account_type in pnl.COGS_TYPES)
        if category == "expenses":
            return rest.filtered(lambda a: a.account_type not in pnl.INCOME_TYPES + pnl.COGS_TYPES)
        return accounts

    # -- amounts ------------------------------------------------------------------------

    @api.model
    def _chain_pnl_amounts(self, company, named_periods, store_ids=None, with_unassigned=True):
        """Amounts of the P&L of ``company``: ``{store id or False: {period: {category: amount}}}``.

        ``named_periods`` maps period names to ``(date_from, date_to)`` (inclusive); ``store_ids``
        limits the stores (``None``: all); ``False`` holds what no store carries (lines without
        a store distribution, and the rest of lines distributed to stores for less than 100%).
        Amounts read as the P&L: sales positive, costs positive.
        """
        if not named_periods:
            return {}
        ranges = SQL(" OR ").join(
            SQL("(aml.date BETWEEN %s AND %s)", date_from, date_to) for date_from, date_to in named_periods.values()
        )
        columns = [SQL.identifier(f"p_{index}") for index in range(len(named_periods))]
        sums = SQL(", ").join(
            SQL("SUM(aml.balance) FILTER (WHERE aml.date BETWEEN %s AND %s) AS %s", date_from, date_to, column)
            for (date_from, date_to), column in zip(named_periods.values(), columns, strict=True)
        )
        shares = SQL(", ").join(SQL("SUM(g.%s * s.pct / 100.0)", column) for column in columns)
        rests = SQL(", ").join(SQL("SUM(g.%s * (100.0 - COALESCE(r.pct, 0)) / 100.0)", column) for column in columns)
        store_filter = SQL("TRUE") if store_ids is None else SQL("s.store_id = ANY(%s)", list(store_ids) or [0])
        # the journal items are first summed per distinct distribution and category (a few hundred
        # groups, one per store and what is shared), then each group is split by its distribution:
        # the same arithmetic as line by line (it is linear), without parsing a million jsonb values
        query = SQL(
            """
            WITH store_account AS (
                SELECT id, chain_store_id FROM account_analytic_account WHERE chain_store_id IS NOT NULL
            ), per_account AS (
                SELECT aml.analytic_distribution AS distribution, aml.account_id, %(sums)s
                  FROM account_move_line aml
                 WHERE aml.company_id = %(company)s
                   AND aml.parent_state = 'posted'
                   AND aml.account_id = ANY(%(accounts)s)
                   AND (%(ranges)s)
                 GROUP BY 1, 2
            ), grouped AS (
                SELECT g.distribution, %(category)s AS category, %(columns)s
                  FROM per_account g JOIN account_account acc ON acc.id = g.account_id
            ), share AS (
                SELECT g.distribution, sa.chain_store_id AS store_id, SUM(d.value::numeric) AS pct
                  FROM (SELECT DISTINCT distribution FROM grouped WHERE distribution IS NOT NULL) g
                 CROSS JOIN LATERAL jsonb_each_text(g.distribution) d
                 CROSS JOIN LATERAL unnest(string_to_array(d.key, ',')) k(account)
                  JOIN store_account sa ON sa.id = k.account::integer
                 GROUP BY 1, 2
            )
            SELECT s.store_id, g.category, %(shares)s
              FROM grouped g JOIN share s ON s.distribution = g.distribution
             WHERE %(store_filter)s
             GROUP BY 1, 2
            """,
            category=self._chain_pnl_category_sql(company),
            company=company.id,
            accounts=self._chain_pnl_accounts(company, None).ids or [0],
            ranges=ranges,
            sums=sums,
            columns=SQL(", ").join(SQL("g.%s", column) for column in columns),
            shares=shares,
            store_filter=store_filter,
        )
        if with_unassigned:
            query = SQL(
                """%(query)s
                 UNION ALL
                SELECT NULL::integer, g.category, %(rests)s
                  FROM grouped g
                  LEFT JOIN (SELECT distribution, SUM(pct) AS pct FROM share GROUP BY 1) r
                    ON r.distribution = g.distribution
                 GROUP BY 1, 2
                """,
                query=query,
                rests=rests,
            )
        self.env["account.move.line"].flush_model()
        self.env["account.account"].flush_model()
        self.env["account.analytic.account"].flush_model(["chain_store_id"])
        self.env.cr.execute(query)
        names = list(named_periods)
        result = defaultdict(lambda: {name: dict.fromkeys(pnl.CATEGORIES, 0.0) for name in names})
        for row in self.env.cr.fetchall():
            store_id, category = row[0] or False, row[1]
            for name, amount in zip(names, row[2:], strict=True):
                if amount:
                    result[store_id][name][category] += pnl.signed(category, float(amount))
        return dict(result)

    @api.model
    def _chain_pnl_report(self, date_to, company=None, store_ids=None):
        """The report's figures: ``{store id or False: {period: figures}}`` for the month and year to
        date ending on ``date_to`` and the same periods a year earlier (see ``lib.pnl``), limited
        to the stores the user may read (and ``store_ids`` when given)."""
        company = company or self.env.company
        date_to = fields.Date.to_date(date_to) or fields.Date.context_today(self)
        allowed = self._chain_pnl_allowed_stores().filtered(lambda s: s.company_id == company)
        ids = set(allowed.ids) if store_ids is None else set(allowed.ids) & set(store_ids)
        full = self._chain_pnl_full_access()
        amounts = self._chain_pnl_amounts(
            company, pnl.periods(date_to), store_ids=None if full and store_ids is None else ids,
            with_unassigned=full and store_ids is None,
        )  # fmt: skip
        return {
            store_id: {period: pnl.figures(values) for period, values in by_period.items()}
            for store_id, by_period in amounts.items()
        }

    @api.model
    def _chain_pnl_totals(self, date_from, date_to, company=None):
        """The proof that the store P&Ls add up to the company's: for ``[date_from, date_to]``,
        ``{"stores": {category: amount}, "unassigned": {...}, "total": {...}, "company": {...}}``
        where ``company`` sums the balances of the company's income and expense accounts directly
        (without the store split). ``stores + unassigned == total == company`` (to the cent)."""
        company = company or self.env.company
        if not self._chain_pnl_full_access():
            raise AccessError(_("Only accountants can compare the store P&Ls with the company's."))
        by_store = self._chain_pnl_amounts(company, {"period": (date_from, date_to)})
        stores = dict.fromkeys(pnl.CATEGORIES, 0.0)
        unassigned = dict.fromkeys(pnl.CATEGORIES, 0.0)
        for store_id, by_period in by_store.items():
            target = stores if store_id else unassigned
            for category, amount in by_period["period"].items():
                target[category] += amount
        self.env.cr.execute(
            SQL(
                """SELECT %(category)s, SUM(aml.balance)
                     FROM account_move_line aml JOIN account_account acc ON acc.id = aml.account_id
                    WHERE aml.company_id = %(company)s AND aml.parent_state = 'posted'
                      AND acc.account_type IN %(types)s AND aml.date BETWEEN %(date_from)s AND %(date_to)s
                    GROUP BY 1""",
                category=self._chain_pnl_category_sql(company),
                company=company.id,
                types=pnl.INCOME_TYPES + pnl.EXPENSE_TYPES,
                date_from=date_from,
                date_to=date_to,
            )
        )
        direct = dict.fromkeys(pnl.CATEGORIES, 0.0)
        for category, balance in self.env.cr.fetchall():
            direct[category] += pnl.signed(category, float(balance))
        rounding = company.currency_id.round
        return {
            "stores": {k: rounding(v) for k, v in stores.items()},
            "unassigned": {k: rounding(v) for k, v in unassigned.items()},
            "total": {k: rounding(stores[k] + unassigned[k]) for k in pnl.CATEGORIES},
            "company": {k: rounding(v) for k, v in direct.items()},
        }
