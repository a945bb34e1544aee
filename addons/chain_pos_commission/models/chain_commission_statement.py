from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import commission as lib
from ..lib import statement_sql

# statements look this far back for late lines of approved months
LATE_LOOKBACK_MONTHS = 3


class ChainCommissionStatement(models.Model):
    """A monthly commission statement (提成结算单) of a store: one line per employee with sales,
    target achievement, commission per rule, bonuses and clawbacks.

    Flow: draft (*Compute* as often as needed) -> to review (*Submit*: the store manager reviewed it)
    -> approved (*Approve*: a chain manager, or through a ``chain_approval`` rule on
    ``chain.commission.statement`` / ``action_approve``). An approved statement is locked: it is never
    recomputed; POS lines of its month that reach the server after its computation (an offline till)
    and refunds made later are counted in the next statement not yet approved.
    """

    _name = "chain.commission.statement"
    _description = "Commission Statement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, store_id"
    _chain_guarded_fields = {
        "state": ("action_submit", "action_approve", "action_reset_draft"),
        "computed_at": ("action_compute",),
        "approved_by_id": ("action_approve", "action_reset_draft"),
        "approved_date": ("action_approve", "action_reset_draft"),
    }
    _chain_store_field = "store_id"

    name = fields.Char(compute="_compute_name", store=True)
    store_id = fields.Many2one(
        "chain.store", string="Store", required=True, index=True, check_company=True,
        default=lambda self: self.env.user.chain_store_id,
    )  # fmt: skip
    company_id = fields.Many2one(related="store_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        required=True, index=True, default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="The first day of the month.",
    )  # fmt: skip
    state = fields.Selection(
        [("draft", "Draft"), ("to_review", "Reviewed"), ("approved", "Approved")],
        required=True, default="draft", readonly=True, copy=False, tracking=True, index=True,
    )  # fmt: skip
    computed_at = fields.Datetime(readonly=True, copy=False, help="When the figures were last computed.")
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many("chain.commission.statement.line", "statement_id", string="Employees", readonly=True)
    sales = fields.Monetary(compute="_compute_totals", store=True)
    commission = fields.Monetary(compute="_compute_totals", store=True)
    bonus = fields.Monetary(compute="_compute_totals", store=True)
    clawback = fields.Monetary(compute="_compute_totals", store=True)
    total = fields.Monetary(compute="_compute_totals", store=True)

    _sql_constraints = [
        ("store_month_uniq", "UNIQUE(store_id, month)", "A store has one commission statement per month."),
    ]

    @api.depends("store_id", "month")
    def _compute_name(self):
        for statement in self:
            month = statement.month.strftime("%Y-%m") if statement.month else ""
            statement.name = f"{statement.store_id.code or statement.store_id.name or ''} {month}".strip()

    @api.depends("line_ids.sales", "line_ids.commission", "line_ids.bonus", "line_ids.clawback", "line_ids.total")
    def _compute_totals(self):
        for statement in self:
            lines = statement.line_ids
            statement.sales = sum(lines.mapped("sales"))
            statement.commission = sum(lines.mapped("commission"))
            statement.bonus = sum(lines.mapped("bonus"))
            statement.clawback = sum(lines.mapped("clawback"))
            statement.total = sum(lines.mapped("total"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        if {"store_id", "month"} & set(vals) and any(s.state != "draft" for s in self):
            raise UserError(_("Only a draft statement may change its store or month."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(s.state == "approved" for s in self):
            raise UserError(_("An approved commission statement cannot be deleted."))

    # -- flow -----------------------------------------------------------------

    def action_compute(self):
        """Compute the figures of draft statements (set-based: one aggregation per month)."""
        for statement in self:
            if statement.state == "approved":
                raise UserError(
                    _("Statement %s is approved and locked: it is never recomputed. Later sales and refunds "
                      "go to the next month's statement.", statement.name)
                )  # fmt: skip
            if statement.state != "draft":
                raise UserError(_("Statement %s has been reviewed: set it back to draft to recompute it.",
                                  statement.name))  # fmt: skip
        self.check_access("write")
        now = fields.Datetime.now()
        for (company, month), statements in self._chain_group_by_month().items():
            figures = self._chain_compute_figures(company, month, statements.store_id)
            statements._chain_write_figures(figures)
        self.write({"computed_at": now})
        return True

    def _chain_group_by_month(self):
        groups = defaultdict(self.browse)
        for statement in self:
            groups[(statement.company_id, statement.month)] |= statement
        return groups

    def _chain_write_figures(self, figures):
        """Replace the lines of these statements by ``figures`` (see ``_chain_compute_figures``):
        two set-based INSERTs (thousands of lines and their details per run), then the totals."""
        by_store = {statement.store_id: statement for statement in self}
        keys = sorted(figures)
        line_columns = ["employee_id", "job_id", "eligible", "sales", "margin", "sales_target", "achievement",
                        "members_enrolled", "commission", "bonus", "clawback", "total"]  # fmt: skip
        Line = self.env["chain.commission.statement.line"]
        Detail = self.env["chain.commission.statement.detail"]
        self.flush_recordset()
        cr = self.env.cr
        # statement lines are read-only for every group: the compute (a write on the statement, whose
        # access the caller checked) is their only writer
        cr.execute(SQL("DELETE FROM chain_commission_statement_line WHERE statement_id = ANY(%s)", self.ids))
        if keys:
            statements = [by_store[self.env["chain.store"].browse(store_id)] for store_id, _e in keys]
            columns = {
                "statement_id": [st.id for st in statements],
                "store_id": [st.store_id.id for st in statements],
                "company_id": [st.company_id.id for st in statements],
                "month": [st.month for st in statements],
                **{name: [figures[key][name] or None if name == "job_id" else figures[key][name] for key in keys]
                   for name in line_columns},
            }  # fmt: skip
            line_ids = self._chain_insert(Line, columns)
            detail_columns = {name: [] for name in (
                "line_id", "statement_id", "store_id", "company_id", "employee_id", "rule_id", "kind", "base",
                "origin_month", "qty", "sales", "margin", "rate", "amount", "commission")}  # fmt: skip
            for line_id, key, statement in zip(line_ids, keys, statements, strict=True):
                for detail in figures[key]["details"]:
                    row = {"line_id": line_id, "statement_id": statement.id, "store_id": statement.store_id.id,
                           "company_id": statement.company_id.id, "employee_id": key[1],
                           "origin_month": detail.get("origin_month"), **detail}  # fmt: skip
                    for name, values in detail_columns.items():
                        values.append(row[name])
            if detail_columns["line_id"]:
                self._chain_insert(Detail, detail_columns)
        Line.invalidate_model()
        Detail.invalidate_model()
        self.invalidate_recordset(["line_ids"])
        for name in ("sales", "commission", "bonus", "clawback", "total"):
            self.env.add_to_compute(self._fields[name], self)

    def _chain_insert(self, model, columns):
        """INSERT rows given as ``{column: [values]}`` into ``model``'s table; their ids, in order."""
        names = list(columns)
        types = {"many2one": "int4", "integer": "int4", "float": "float8", "monetary": "numeric",
                 "boolean": "bool", "date": "date", "selection": "varchar", "char": "varchar"}  # fmt: skip
        casts = [SQL(f"%s::{types[model._fields[name].type]}[]", columns[name]) for name in names]
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO %(table)s (%(columns)s, create_uid, create_date, write_uid, write_date)
                SELECT %(aliases)s, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(arrays)s) WITH ORDINALITY AS t(%(aliases)s, n)
                 ORDER BY n
                RETURNING id
                """,
                table=SQL.identifier(model._table),
                columns=SQL(", ").join(SQL.identifier(name) for name in names),
                uid=self.env.uid,
                arrays=SQL(", ").join(casts),
                aliases=SQL(", ").join(SQL.identifier(name) for name in names),
            )
        )
        return [row[0] for row in cr.fetchall()]

    def action_submit(self):
        """The store manager reviewed the figures."""
        for statement in self:
            if statement.state != "draft":
                raise UserError(_("Statement %s is not a draft.", statement.name))
            if not statement.computed_at:
                raise UserError(_("Compute statement %s before submitting it.", statement.name))
        self.check_access("write")
        self.write({"state": "to_review"})
        return True

    def _chain_may_approve(self):
        """Whether the user may approve: a chain manager, or anyone once a ``chain_approval`` rule
        gating *Approve* let the call through (the rule's reviewers decided)."""
        if self.env.su or self.env.user.has_group("chain_store.group_chain_manager"):
            return True
        Rule = self.env.get("chain.approval.rule")
        if Rule is None:
            return False
        # sudo: the rules decide, whoever reads them
        return all(Rule.sudo()._chain_rules_for(statement, "action_approve") for statement in self)

    def action_approve(self):
        """Approve and lock: the figures never change again."""
        for statement in self:
            if statement.state != "to_review":
                raise UserError(_("Statement %s has not been reviewed by the store manager.", statement.name))
        self.check_access("write")
        if not self._chain_may_approve():
            raise AccessError(_("Only a chain manager approves commission statements."))
        self.write({"state": "approved", "approved_by_id": self.env.user.id, "approved_date": fields.Datetime.now()})
        return True

    def action_reset_draft(self):
        for statement in self:
            if statement.state == "approved":
                raise UserError(
                    _("Statement %s is approved and locked: corrections go to the next month's statement.",
                      statement.name)
                )  # fmt: skip
        self.check_access("write")
        self.write({"state": "draft", "approved_by_id": False, "approved_date": False})
        Request = self.env.get("chain.approval.request")
        if Request is not None:
            Request._chain_withdraw(self, _("Withdrawn: the commission statement went back to draft."))
        return True

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: the approval was cancelled or rejected; a reviewed statement goes
        back to draft to be corrected and submitted again."""
        for statement in self.filtered(lambda s: s.state == "to_review"):
            statement.action_reset_draft()
            statement.message_post(body=_("The approval was cancelled or rejected: the statement is back to draft."))

    def action_export_xlsx(self):
        return self.env.ref("chain_pos_commission.chain_commission_statement_xlsx_report").report_action(self)

    # -- live figures for a guide ------------------------------------------------

    @api.model
    def _chain_my_month(self, employee, today=None):
        """The live figures of ``employee`` for the month of ``today`` (the store's today by default):
        ``{month, currency_id, sales, sales_target, achievement, members_enrolled, commission, bonus,
        clawback, total, details: [{rule, kind, sales, qty, rate, amount, commission}]}``.
        Computed like a statement, without writing anything."""
        # sudo: a guide reads their own figures, computed over their store's lines
        employee = employee.sudo()
        store = employee.chain_store_id
        if not today:
            today = datetime.now(store._chain_tz()).date() if store else fields.Date.context_today(self)
        month = today.replace(day=1)
        empty = {"sales": 0.0, "sales_target": 0.0, "achievement": 0.0, "members_enrolled": 0, "commission": 0.0,
                 "bonus": 0.0, "clawback": 0.0, "total": 0.0, "details": []}  # fmt: skip
        result = {"month": month, "currency_id": (store.company_id or self.env.company).currency_id.id, **empty}
        if not store:
            return result
        figures = self.sudo()._chain_compute_figures(store.company_id, month, store, employees=employee)
        figure = figures.get((store.id, employee.id))
        if figure:
            result.update({key: figure[key] for key in empty if key != "details"})
            rules = self.env["chain.commission.rule"].sudo().browse([d["rule_id"] for d in figure["details"]])
            names = {rule.id: rule.name for rule in rules}
            result["details"] = [
                {
                    "rule": names.get(d["rule_id"], ""),
                    **{key: d[key] for key in ("kind", "sales", "qty", "rate", "amount", "commission")},
                }
                for d in figure["details"]
            ]
        return result

    # -- computation ---------------------------------------------------------------

    @api.model
    def _chain_compute_figures(self, company, month, stores, employees=None):
        """The figures of ``stores`` for ``month`` (a date, first of month), per ``(store_id, employee_id)``:
        a dict of statement line values with ``details`` (a list of detail values).

        Steps: resolve the winning rule per product in Python (``lib.commission.resolve``, once per
        group of stores sharing the same rules), then ONE set-based aggregation over the POS lines by
        store, guide and rule (``_chain_line_aggregates``); bonuses by ``_chain_bonus_figures``;
        rates, tiers and amounts on the aggregated rows in Python.
        """
        month_end = month + relativedelta(months=1, days=-1)
        Rule = self.env["chain.commission.rule"]
        rules = Rule._chain_rules_for(company, month, month_end)
        line_rules = rules.filtered(lambda r: not r._chain_is_bonus())
        bonus_rules = rules - line_rules
        plan = line_rules._chain_rule_plan(stores, month, month_end)
        rows = self._chain_line_aggregates(stores, month, plan, employees=employees)
        figures = {}

        def figure_of(store_id, employee_id):
            key = (store_id, employee_id)
            if key not in figures:
                figures[key] = {
                    "employee_id": employee_id, "sales": 0.0, "margin": 0.0, "sales_target": 0.0,
                    "achievement": 0.0, "members_enrolled": 0, "commission": 0.0, "bonus": 0.0,
                    "clawback": 0.0, "total": 0.0, "details": [],
                }  # fmt: skip
            return figures[key]

        sale_rows = [row for row in rows if not row["claw"]]
        claw_rows = [row for row in rows if row["claw"]]
        for row in sale_rows:
            figure = figure_of(row["store_id"], row["guide_id"])
            figure["sales"] += row["sales"]
            figure["margin"] += row["margin"]
        for row in claw_rows:
            figure_of(row["store_id"], row["guide_id"])
        targets = self._chain_sales_targets(month, stores, employees)
        for (store_id, employee_id), target in targets.items():
            if employees is None or employee_id in employees.ids:
                figure_of(store_id, employee_id)["sales_target"] = target
        bonus_counts = {}
        for base in set(bonus_rules.mapped("base")) | {"member_enrolled"}:
            bonus_counts[base] = self._chain_bonus_figures(base, stores, month, month_end + relativedelta(days=1))
            for store_id, employee_id in bonus_counts[base]:
                if employees is None or employee_id in employees.ids:
                    figure_of(store_id, employee_id)
        if not figures:
            return figures
        Employee = self.env["hr.employee"].with_context(active_test=False)
        people = Employee.browse({key[1] for key in figures})
        # sudo: the job of an employee, read for the figures only
        jobs = {employee.id: employee.sudo().job_id for employee in people}
        for (_store_id, employee_id), figure in figures.items():
            figure["achievement"] = lib.achievement(figure["sales"], figure["sales_target"])
            figure["job_id"] = jobs[employee_id].id
            figure["eligible"] = bool(jobs[employee_id].chain_commission_eligible)
        for (store_id, employee_id), (count, _value) in bonus_counts["member_enrolled"].items():
            if (store_id, employee_id) in figures:
                figures[(store_id, employee_id)]["members_enrolled"] = int(count)
        rule_by_id = {rule.id: rule for rule in rules}
        tiers = {rule.id: rule._chain_lib_tiers() for rule in rules}
        for row in sale_rows:
            rule = rule_by_id.get(row["rule_id"])
            if not rule:
                continue
            figure = figures[(row["store_id"], row["guide_id"])]
            rate, amount = self._chain_rate(rule, tiers[rule.id], figure["achievement"])
            earned = lib.earn(rule.base, rate, amount, sales=row["sales"], margin=row["margin"], qty=row["qty"])
            earned = earned if figure["eligible"] else 0.0
            figure["commission"] += earned
            figure["details"].append({
                "rule_id": rule.id, "kind": "commission", "base": rule.base, "qty": row["qty"],
                "sales": row["sales"], "margin": row["margin"], "rate": rate, "amount": amount, "commission": earned,
            })  # fmt: skip
        for rule in bonus_rules:
            for (store_id, employee_id), (count, value) in bonus_counts[rule.base].items():
                figure = figures.get((store_id, employee_id))
                if figure is None or (rule.store_ids and store_id not in rule.store_ids.ids):
                    continue
                rate, amount = self._chain_rate(rule, tiers[rule.id], figure["achievement"])
                earned = lib.earn(rule.base, rate, amount, sales=value, count=count) if figure["eligible"] else 0.0
                figure["bonus"] += earned
                figure["details"].append({
                    "rule_id": rule.id, "kind": "bonus", "base": rule.base, "qty": count, "sales": value,
                    "margin": 0.0, "rate": rate, "amount": amount, "commission": earned,
                })  # fmt: skip
        self._chain_apply_clawbacks(company, claw_rows, figures)
        for figure in figures.values():
            figure["commission"] = round(figure["commission"], 2)
            figure["bonus"] = round(figure["bonus"], 2)
            figure["clawback"] = round(figure["clawback"], 2)
            figure["total"] = round(figure["commission"] + figure["bonus"] - figure["clawback"], 2)
        return figures

    @api.model
    def _chain_rate(self, rule, tiers, achievement):
        """The rate and amount ``rule`` pays at ``achievement`` (its tier's, else its own)."""
        tier = lib.pick_tier(tiers, achievement)
        return (tier.rate, tier.amount) if tier else (rule.rate, rule.amount)

    @api.model
    def _chain_line_aggregates(self, stores, month, plan, employees=None):
        """Run the statement's one aggregation (``lib.statement_sql``) and return its rows as dicts."""
        next_month = month + relativedelta(months=1)
        # wide enough for any time zone; the query keeps the store-local month exactly
        lo = datetime.combine(month, time.min) - relativedelta(days=1)
        hi = datetime.combine(next_month, time.min) + relativedelta(days=1)
        lookback = month - relativedelta(months=LATE_LOOKBACK_MONTHS)
        # sudo: the statement's own dates, read across the user's rules for the late-line check
        approved = self.sudo().search(
            [("store_id", "in", stores.ids), ("state", "=", "approved"), ("month", ">=", lookback),
             ("month", "<", month)], order="computed_at", limit=1,
        )  # fmt: skip
        query = statement_sql.line_aggregates(
            stores=stores.ids,
            store_sigs=plan["store_sigs"],
            month=month,
            lo=lo,
            hi=hi,
            seg_starts=plan["seg_starts"],
            map_keys=plan["map_keys"],
            map_products=plan["map_products"],
            map_rules=plan["map_rules"],
            default_keys=plan["default_keys"],
            default_rules=plan["default_rules"],
            default_tz=self.env.company.partner_id.tz or "Asia/Shanghai",
            late_since=approved.computed_at or None,
            late_lo=datetime.combine(lookback, time.min) - relativedelta(days=1),
            employees=employees.ids if employees else None,
        )
        self.env["pos.order.line"].flush_model(
            ["order_id", "product_id", "price_subtotal", "total_cost", "qty", "chain_guide_id", "refunded_orderline_id"]
        )
        self.env["pos.order"].flush_model(["date_order", "config_id", "state"])
        self.flush_model(["state", "month", "computed_at", "store_id"])
        cr = self.env.cr
        # the planner cannot estimate the store-local month of an order (an expression per row): it
        # expects a few thousand lines where a month has millions, and joins them to the rule mapping
        # by nested loops (3,000,000 lines: 55 s, against 16 s with hash joins)
        cr.execute("SHOW enable_nestloop")
        nestloop = cr.fetchone()[0]
        cr.execute("SET LOCAL enable_nestloop = off")  # an error rolls it back with the transaction
        cr.execute(query)
        rows = cr.dictfetchall()
        cr.execute(SQL("SELECT set_config('enable_nestloop', %s, true)", nestloop))
        return rows

    @api.model
    def _chain_sales_targets(self, month, stores, employees=None):
        """``{(store_id, employee_id): sales target}`` of the month (employee targets only)."""
        domain = [("month", "=", month), ("store_id", "in", stores.ids), ("employee_id", "!=", False)]
        if employees:
            domain.append(("employee_id", "in", employees.ids))
        # sudo: the targets are read for the figures, whoever computes (a guide's own month)
        groups = (
            self.env["chain.commission.target"]
            .sudo()
            ._read_group(domain, ["store_id", "employee_id"], ["sales_target:sum"])
        )
        return {(store.id, employee.id): target for store, employee, target in groups}

    @api.model
    def _chain_bonus_figures(self, base, stores, date_from, date_to):
        """Extension point for bonus bases: ``{(store_id, employee_id): (count, amount)}`` of the
        employees of ``stores`` for ``base`` between ``date_from`` (included) and ``date_to``
        (excluded). Addons adding a base (``selection_add`` on ``chain.commission.rule.base``)
        override it for their base and call ``super()`` for the others.

        ``member_enrolled``: the members who joined at the store in the period, counted for the
        employee who is their guide (``guide_user_id``), else who enrolled them (``create_uid``).
        """
        if base != "member_enrolled":
            return {}
        self.env["chain.member"].flush_model(["join_date", "join_store_id", "guide_user_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT m.join_store_id, e.id, COUNT(*)
                  FROM chain_member m
                  JOIN hr_employee e ON e.user_id = COALESCE(m.guide_user_id, m.create_uid)
                                    AND e.chain_store_id = m.join_store_id AND e.active
                 WHERE m.join_store_id = ANY(%s) AND m.join_date >= %s AND m.join_date < %s
                   AND m.state != 'merged'
                 GROUP BY 1, 2
                """,
                stores.ids,
                date_from,
                date_to,
            )
        )
        return {(store_id, employee_id): (count, 0.0) for store_id, employee_id, count in self.env.cr.fetchall()}

    @api.model
    def _chain_apply_clawbacks(self, company, rows, figures):
        """Take back, from the guide of each refunded sale of an earlier month, what the sale earned:
        the rule its product earned under on the sale's day, at the rate of the tier the guide
        reached that month (the achievement on that month's statement; none without a statement)."""
        if not rows:
            return
        days = [row["origin_day"] for row in rows]
        Rule = self.env["chain.commission.rule"]
        rules = Rule._chain_rules_for(company, min(days), max(days)).filtered(lambda r: not r._chain_is_bonus())
        products = {
            p.id: p for p in Rule._chain_lib_products(self.env["product.product"].sudo().browse(
                {row["product_id"] for row in rows}).with_context(active_test=False))
        }  # fmt: skip
        months = {day.replace(day=1) for day in days}
        # sudo: the achievement the guide reached in the sale's month, whoever computes
        origin_lines = self.env["chain.commission.statement.line"].sudo().search_read(
            [("month", "in", list(months)), ("store_id", "in", list({row["store_id"] for row in rows})),
             ("employee_id", "in", list({row["guide_id"] for row in rows}))],
            ["month", "store_id", "employee_id", "achievement"],
        )  # fmt: skip
        achieved = {(r["store_id"][0], r["month"], r["employee_id"][0]): r["achievement"] for r in origin_lines}
        lib_rules = {rule.id: rule._chain_lib_rule() for rule in rules}
        tiers = {rule.id: rule._chain_lib_tiers() for rule in rules}
        grouped = {}
        for row in rows:
            day, store_id = row["origin_day"], row["store_id"]
            valid = [
                lib_rules[rule.id] for rule in rules
                if (not rule.store_ids or store_id in rule.store_ids.ids)
                and (not rule.date_from or rule.date_from <= day) and (not rule.date_to or rule.date_to >= day)
            ]  # fmt: skip
            rule_id = lib.resolve(valid, products[row["product_id"]])
            figure = figures[(store_id, row["guide_id"])]
            if not rule_id or not figure["eligible"]:
                continue
            rule = rules.browse(rule_id)
            origin = day.replace(day=1)
            rate, amount = self._chain_rate(rule, tiers[rule_id], achieved.get((store_id, origin, row["guide_id"]), 0))
            earned = lib.earn(rule.base, rate, amount, sales=row["sales"], margin=row["margin"], qty=row["qty"])
            figure["clawback"] -= earned
            key = (store_id, row["guide_id"], rule_id, origin, rate, amount)
            detail = grouped.get(key)
            if detail is None:
                detail = grouped[key] = {
                    "rule_id": rule_id, "kind": "clawback", "base": rule.base, "origin_month": origin,
                    "qty": 0.0, "sales": 0.0, "margin": 0.0, "rate": rate, "amount": amount, "commission": 0.0,
                }  # fmt: skip
                figure["details"].append(detail)
            for field in ("qty", "sales", "margin"):
                detail[field] += row[field]
            detail["commission"] += earned
