import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import baby as baby_lib

_PAID_STATES = ("paid", "done", "invoiced")
_BATCH = 1000


class ChainMemberFollowup(models.Model):
    """A follow-up (回访) of a member by the member's guide (导购), at a moment that sells.

    Created by the daily job :meth:`_cron_create_followups` only (no role
    creates them): a baby's formula stage change in two weeks (with the
    member's usual formula brand in the next stage), a due date reached, a
    birthday, a formula purchase late on the member's rhythm. Each moment gives
    one follow-up, ever (unique indexes). The guide gets an activity on it and
    records the outcome with the buttons (reached, not reached, purchased); a
    paid POS order of the member within the company's window after the
    follow-up marks it purchased. The store is the member's home store when the
    follow-up was created: the conversion stays with the store that followed up.
    """

    _name = "chain.member.followup"
    _description = "Member Follow-up"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _chain_store_field = "store_id"
    _chain_guarded_fields = {
        # what the job found: the moment, whom and which store it counts for
        "member_id": (),
        "baby_id": (),
        "kind": (),
        "date": (),
        "moment_date": (),
        "store_id": (),
        "company_id": (),
        "outcome": ("action_reached", "action_not_reached", "action_purchased", "_chain_mark_purchased"),
        "outcome_date": ("action_reached", "action_not_reached", "action_purchased", "_chain_mark_purchased"),
    }

    member_id = fields.Many2one("chain.member", string="Member", required=True, ondelete="restrict", index=True)
    baby_id = fields.Many2one("chain.member.baby", string="Baby", ondelete="set null", index="btree_not_null")
    store_id = fields.Many2one(
        "chain.store",
        string="Store",
        compute="_compute_store_company",
        store=True,
        precompute=True,
        index=True,
        help="The member's home store when the follow-up was created.",
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_store_company", store=True, precompute=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Guide",
        index=True,
        tracking=True,
        help="Who follows up: the member's guide, else the store's manager.",
    )
    kind = fields.Selection(
        [
            ("stage", "Stage change"),
            ("due", "Due date"),
            ("birthday", "Birthday"),
            ("replenish", "Formula replenishment"),
        ],
        required=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    moment_date = fields.Date(
        string="Moment",
        required=True,
        help="The day that sells: the stage change, the due date, the birthday, or the last formula purchase.",
    )
    product_id = fields.Many2one("product.product", string="Suggested Product")
    activity_id = fields.Many2one("mail.activity", string="Activity", compute="_compute_activity_id")
    outcome = fields.Selection(
        [("reached", "Reached"), ("not_reached", "Not reached"), ("purchased", "Purchased")],
        readonly=True,
        tracking=True,
        index=True,
    )
    outcome_date = fields.Date(readonly=True)
    note = fields.Text()

    def init(self):
        # one follow-up per moment, ever; baby moments per baby, the replenishment per member
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS chain_member_followup_baby_moment_uniq "
            "ON chain_member_followup (baby_id, kind, moment_date) WHERE baby_id IS NOT NULL"
        )
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS chain_member_followup_member_moment_uniq "
            "ON chain_member_followup (member_id, kind, moment_date) WHERE baby_id IS NULL"
        )

    @api.depends("member_id")
    def _compute_store_company(self):
        # a snapshot: a member who moves later does not move the follow-ups of the old store
        for followup in self:
            followup.store_id = followup.member_id.home_store_id
            followup.company_id = followup.member_id.company_id or self.env.company

    @api.depends("kind", "member_id.name", "baby_id.name")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for followup in self:
            parts = [kinds.get(followup.kind, ""), followup.member_id.name or ""]
            if followup.baby_id.name:
                parts.append(followup.baby_id.name)
            followup.display_name = " - ".join(p for p in parts if p)

    @api.depends("activity_ids")
    def _compute_activity_id(self):
        for followup in self:
            followup.activity_id = followup.activity_ids[:1]

    # ------------------------------------------------------------------
    # Outcome (the buttons)
    # ------------------------------------------------------------------
    def action_reached(self):
        """The guide reached the member."""
        return self._chain_set_outcome("reached")

    def action_not_reached(self):
        """The guide could not reach the member."""
        return self._chain_set_outcome("not_reached")

    def action_purchased(self):
        """The member bought after the follow-up (e.g. on a channel the job does not see)."""
        return self._chain_set_outcome("purchased")

    def _chain_set_outcome(self, outcome):
        self.check_access("write")
        if any(followup.outcome == "purchased" for followup in self):
            raise UserError(_("A follow-up marked purchased keeps that outcome."))
        self.write({"outcome": outcome, "outcome_date": fields.Date.context_today(self)})
        label = dict(self._fields["outcome"]._description_selection(self.env))[outcome]
        self.activity_ids.action_feedback(feedback=label)
        return True

    # ------------------------------------------------------------------
    # The daily job
    # ------------------------------------------------------------------
    @api.model
    def _cron_create_followups(self, today=None):
        """The daily follow-up job: stages current, purchases marked, new follow-ups created.

        1. every baby's formula stage and diaper size brought to ``today``
           (``chain.member.baby._chain_refresh_bands``, one UPDATE);
        2. follow-ups followed by a paid POS order within the company's window
           marked purchased (one query);
        3. one query per rule finds the moments of every member (active, with
           marketing consent) whose follow-up is due and not created yet; the
           follow-ups and their activities are created in batches.

        Returns the follow-ups created.
        """
        today = today or fields.Date.context_today(self)
        self.env["chain.member.baby"]._chain_refresh_bands(today)
        self._chain_mark_purchased(today)
        self.env.flush_all()
        created = self.browse()
        for kind, query in (
            ("stage", self._chain_stage_query(today)),
            ("due", self._chain_due_query(today)),
            ("birthday", self._chain_birthday_query(today)),
            ("replenish", self._chain_replenish_query(today)),
        ):
            self.env.cr.execute(query)
            created |= self._chain_create_followups(kind, self.env.cr.fetchall(), today)
        return created

    def _chain_member_filter(self, alias):
        """SQL condition: the member may be followed up (active, consent given and not withdrawn)."""
        return SQL(
            "%(m)s.state = 'active' AND %(m)s.active AND %(m)s.consent_date IS NOT NULL "
            "AND %(m)s.consent_withdrawn_date IS NULL",
            m=SQL.identifier(alias),
        )

    def _chain_formula_lines(self, since, join=None):
        """SQL ``FROM ... WHERE ...`` of the paid POS formula lines since ``since`` (aliases o, l, t).

        ``join`` (SQL) is added to the joins; the caller adds conditions with ``AND``.
        """
        return SQL(
            """
              FROM pos_order o
              JOIN pos_order_line l ON l.order_id = o.id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template t ON t.id = pp.product_tmpl_id
              %s
             WHERE o.state IN %s AND o.date_order >= %s AND l.qty > 0 AND t.chain_formula_stage IS NOT NULL
            """,
            join or SQL(),
            _PAID_STATES,
            since,
        )

    def _chain_since(self, today):
        return datetime.datetime.combine(
            today - datetime.timedelta(days=baby_lib.PURCHASE_LOOKBACK_DAYS), datetime.time.min
        )

    def _chain_baby_moment_query(self, kind, candidates, today):
        """The full query of a baby rule from ``candidates``.

        ``candidates`` selects ``baby_id, member_id, partner_id, company_id,
        moment, next_stage`` (moments already in the window); the query drops
        the moments followed up already and adds the suggested product: the
        member's usual formula brand (most units bought in the lookback) in
        ``next_stage``. Rows: ``(member_id, baby_id, moment, product_id)``.
        """
        return SQL(
            """
            WITH cand AS (%(candidates)s),
            usual AS (
                SELECT DISTINCT ON (o.partner_id) o.partner_id, t.chain_brand AS brand
                %(lines)s
                   AND o.partner_id IN (SELECT partner_id FROM cand) AND t.chain_brand IS NOT NULL
                 GROUP BY o.partner_id, t.chain_brand
                 ORDER BY o.partner_id, SUM(l.qty) DESC, MAX(o.date_order) DESC, t.chain_brand
            )
            SELECT c.member_id, c.baby_id, c.moment, p.id
              FROM cand c
              LEFT JOIN usual u ON u.partner_id = c.partner_id
              LEFT JOIN LATERAL (
                    SELECT pp.id
                      FROM product_product pp
                      JOIN product_template t ON t.id = pp.product_tmpl_id
                     WHERE t.chain_brand = u.brand AND t.chain_formula_stage = c.next_stage
                       AND t.active AND pp.active AND t.sale_ok
                       AND (t.company_id IS NULL OR t.company_id = c.company_id)
                     ORDER BY t.sequence, t.id, pp.id
                     LIMIT 1
                   ) p ON TRUE
             WHERE NOT EXISTS (
                    SELECT 1 FROM chain_member_followup f
                     WHERE f.baby_id = c.baby_id AND f.kind = %(kind)s AND f.moment_date = c.moment
                   )
             ORDER BY c.member_id, c.baby_id
            """,
            candidates=candidates,
            lines=self._chain_formula_lines(self._chain_since(today)),
            kind=kind,
        )

    def _chain_stage_query(self, today):
        """Babies whose formula stage changes in ``STAGE_LEAD_DAYS`` days (caught up for ``CATCH_UP_DAYS``)."""
        first, last = baby_lib.moment_window(today, lead_days=baby_lib.STAGE_LEAD_DAYS)
        changes = baby_lib.stage_changes()
        months = [m for m, _stage in changes]
        slack = datetime.timedelta(days=3)  # the month ends: the exact test is on the moment
        candidates = SQL(
            """
            SELECT * FROM (
                SELECT b.id AS baby_id, b.member_id, m.partner_id, m.company_id, s.next_stage,
                       (b.birth_date + make_interval(months => s.months))::date AS moment
                  FROM chain_member_baby b
                  JOIN chain_member m ON m.id = b.member_id
                 CROSS JOIN (VALUES %s) AS s(months, next_stage)
                 WHERE b.birth_date BETWEEN %s AND %s AND %s
            ) x WHERE x.moment BETWEEN %s AND %s
            """,
            SQL(", ").join(SQL("(%s, %s)", m, stage) for m, stage in changes),
            baby_lib.add_months(first, -max(months)) - slack,
            baby_lib.add_months(last, -min(months)) + slack,
            self._chain_member_filter("m"),
            first,
            last,
        )
        return self._chain_baby_moment_query("stage", candidates, today)

    def _chain_due_query(self, today):
        """Expected babies whose due date was reached (caught up for ``CATCH_UP_DAYS``); stage 1 suggested."""
        first, last = baby_lib.moment_window(today)
        candidates = SQL(
            """
            SELECT b.id AS baby_id, b.member_id, m.partner_id, m.company_id,
                   %s::varchar AS next_stage, b.due_date AS moment
              FROM chain_member_baby b
              JOIN chain_member m ON m.id = b.member_id
             WHERE b.birth_date IS NULL AND b.due_date BETWEEN %s AND %s AND %s
            """,
            baby_lib.UNBORN_STAGE,
            first,
            last,
            self._chain_member_filter("m"),
        )
        return self._chain_baby_moment_query("due", candidates, today)

    def _chain_birthday_query(self, today):
        """Babies whose birthday (the ``BIRTHDAY_YEARS``) is today (caught up for ``CATCH_UP_DAYS``)."""
        first, last = baby_lib.moment_window(today)
        low, high = baby_lib.BIRTHDAY_YEARS
        slack = datetime.timedelta(days=3)
        candidates = SQL(
            """
            SELECT * FROM (
                SELECT b.id AS baby_id, b.member_id, m.partner_id, m.company_id, NULL::varchar AS next_stage,
                       (b.birth_date + make_interval(years => y.years))::date AS moment
                  FROM chain_member_baby b
                  JOIN chain_member m ON m.id = b.member_id
                 CROSS JOIN generate_series(%s, %s) AS y(years)
                 WHERE b.birth_date BETWEEN %s AND %s AND %s
            ) x WHERE x.moment BETWEEN %s AND %s
            """,
            low,
            high,
            baby_lib.add_months(first, -12 * high) - slack,
            baby_lib.add_months(last, -12 * low) + slack,
            self._chain_member_filter("m"),
            first,
            last,
        )
        return self._chain_baby_moment_query("birthday", candidates, today)

    def _chain_replenish_query(self, today):
        """Members late on their formula rhythm: one query for all members.

        The rhythm is the median number of days between the member's formula
        purchase days (paid POS orders, the last ``PURCHASE_LOOKBACK_DAYS``; at
        least ``REPLENISH_MIN_PURCHASES`` days); the member is late when
        ``median + REPLENISH_LATE_DAYS`` days have passed since the last one
        (caught up for ``CATCH_UP_DAYS``). The moment is the last purchase day;
        the product suggested, the formula bought last.
        """
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        since = self._chain_since(today)
        return SQL(
            """
            WITH days AS (
                SELECT m.id AS member_id, m.partner_id,
                       timezone(%(tz)s, timezone('UTC', o.date_order))::date AS day
                %(member_lines)s
                   AND %(members)s
                 GROUP BY m.id, m.partner_id, day
            ),
            gaps AS (
                SELECT member_id, partner_id, day,
                       day - LAG(day) OVER (PARTITION BY member_id ORDER BY day) AS gap
                  FROM days
            ),
            rhythm AS (
                SELECT member_id, partner_id, MAX(day) AS last_day, COUNT(*) AS purchases,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS every
                  FROM gaps
                 GROUP BY member_id, partner_id
            )
            SELECT r.member_id, NULL, r.last_day, p.product_id
              FROM rhythm r
              LEFT JOIN LATERAL (
                    SELECT l.product_id
                      %(lines)s
                       AND o.partner_id = r.partner_id
                     ORDER BY o.date_order DESC, l.id DESC
                     LIMIT 1
                   ) p ON TRUE
             WHERE r.purchases >= %(min_purchases)s
               AND %(today)s::date - r.last_day >= r.every + %(late)s
               AND %(today)s::date - r.last_day <= r.every + %(late)s + %(catch_up)s
               AND NOT EXISTS (
                    SELECT 1 FROM chain_member_followup f
                     WHERE f.member_id = r.member_id AND f.kind = 'replenish' AND f.baby_id IS NULL
                       AND f.moment_date = r.last_day
                   )
             ORDER BY r.member_id
            """,
            tz=tz,
            member_lines=self._chain_formula_lines(
                since,
                SQL("JOIN chain_member m ON m.partner_id = o.partner_id AND m.company_id = o.company_id"),
            ),
            lines=self._chain_formula_lines(since),
            members=self._chain_member_filter("m"),
            min_purchases=baby_lib.REPLENISH_MIN_PURCHASES,
            today=today,
            late=baby_lib.REPLENISH_LATE_DAYS,
            catch_up=baby_lib.CATCH_UP_DAYS,
        )

    def _chain_create_followups(self, kind, rows, today):
        """Follow-ups of ``kind`` from ``rows`` ``(member_id, baby_id, moment, product_id)``, with activities.

        In batches: one ``create`` of follow-ups and one of activities per batch.
        The follow-up goes to the member's guide, else the home store's manager.
        """
        created = self.browse()
        # the job creates them, not a user: no "created" message, no follower, no tracking
        Followup = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            members = self.env["chain.member"].browse({row[0] for row in batch})
            members.fetch(["guide_user_id", "home_store_id"])
            members.home_store_id.fetch(["manager_id"])
            member_by_id = {member.id: member for member in members}
            vals_list = []
            for member_id, baby_id, moment, product_id in batch:
                member = member_by_id[member_id]
                vals_list.append(
                    {
                        "member_id": member_id,
                        "baby_id": baby_id,
                        "kind": kind,
                        "date": today,
                        "moment_date": moment,
                        "product_id": product_id,
                        "user_id": (member.guide_user_id or member.home_store_id.manager_id).id,
                    }
                )
            followups = Followup.create(vals_list)
            followups._chain_create_activities(today)
            created |= followups
        return created

    def _chain_create_activities(self, today):
        """One activity per follow-up for its guide, due ``today``, in one ``create``."""
        followups = self.filtered("user_id")
        if not followups:
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_type = self.env.ref("chain_member.mail_activity_type_member_followup", raise_if_not_found=False)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": followup.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "summary": followup._chain_activity_summary(),
                "date_deadline": today,
                "user_id": followup.user_id.id,
                "automated": True,
            }
            for followup in followups
        ]
        # no notification per activity: the guide sees them in the activity menu
        return self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)

    def _chain_activity_summary(self):
        """Hook: the activity's one line for the guide."""
        self.ensure_one()
        if self.product_id:
            return _("%(followup)s: suggest %(product)s", followup=self.display_name, product=self.product_id.name)
        return self.display_name

    def _chain_mark_purchased(self, today):
        """Mark purchased the follow-ups followed by a paid POS order of the member: one query.

        An order counts from the follow-up's day to ``chain_member_followup_days``
        days after it (the company's setting), in the user's time zone; the
        outcome date is the day of the first such order. The follow-ups of the
        last ``PURCHASE_LOOKBACK_DAYS`` are looked at, so a job that did not run
        for days still sees the orders of their windows. Their open activities
        are removed (the outcome says it all).
        """
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT f.id, timezone(%(tz)s, timezone('UTC', MIN(o.date_order)))::date
                  FROM chain_member_followup f
                  JOIN res_company c ON c.id = f.company_id
                  JOIN chain_member m ON m.id = f.member_id
                  JOIN pos_order o ON o.partner_id = m.partner_id
                   AND o.company_id = f.company_id
                   AND o.state IN %(states)s
                   AND o.amount_total > 0
                   AND o.date_order >= timezone('UTC', timezone(%(tz)s, f.date::timestamp))
                   AND o.date_order < timezone('UTC', timezone(%(tz)s,
                       (f.date + COALESCE(c.chain_member_followup_days, 0) + 1)::timestamp))
                 WHERE (f.outcome IS NULL OR f.outcome != 'purchased')
                   AND f.date >= %(oldest)s
                   AND f.date <= %(today)s
                 GROUP BY f.id
                """,
                tz=tz,
                states=_PAID_STATES,
                today=today,
                oldest=today - datetime.timedelta(days=baby_lib.PURCHASE_LOOKBACK_DAYS),
            )
        )
        by_date = {}
        for followup_id, day in self.env.cr.fetchall():
            by_date.setdefault(day, []).append(followup_id)
        purchased = self.browse()
        for day, ids in by_date.items():
            followups = self.browse(ids)
            # no tracking message per follow-up: the outcome and its date say it
            followups.with_context(tracking_disable=True).write({"outcome": "purchased", "outcome_date": day})
            purchased |= followups
        # sudo: the job closes the guides' activities of the follow-ups it marked
        purchased.sudo().activity_ids.unlink()
        return purchased
