import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.chain_member.lib import baby as baby_lib

_PAID_STATES = ("paid", "done", "invoiced")
_BATCH = 1000
#: Days after its trigger date that a task not yet created is still created (a job that did not run).
CATCH_UP_DAYS = baby_lib.CATCH_UP_DAYS
_OUTCOME_METHODS = (
    "action_reached",
    "action_not_reached",
    "action_converted",
    "action_purchased",
    "action_declined",
)


class ChainCrmFollowup(models.Model):
    """A follow-up task (回访任务): one step of a plan for one lead or member.

    Created by the daily job :meth:`_cron_schedule` only, one per (step,
    lead or member, trigger date), ever (unique indexes): running the job
    twice creates nothing. On the day it is due its user (the lead's
    salesperson or the member's guide, else the store's manager) gets an
    activity with the step's script; the outcome buttons record what came of it.
    A store without a manager gives tasks without a user: they are listed
    (filter *Unassigned*) for the chain to assign.
    """

    _name = "chain.crm.followup"
    _description = "Follow-up Task"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due desc, id desc"
    _chain_store_field = "store_id"
    _chain_guarded_fields = {
        # what the job found: the moment, whom, which step and store
        "plan_id": (),
        "step_id": (),
        "lead_id": (),
        "member_id": (),
        "store_id": (),
        "company_id": (),
        "trigger_date": (),
        "date_due": (),
        "activity_scheduled": (),
        "outcome": _OUTCOME_METHODS,
        "outcome_date": _OUTCOME_METHODS,
    }

    plan_id = fields.Many2one("chain.crm.followup.plan", string="Plan", required=True, readonly=True, index=True)
    step_id = fields.Many2one(
        "chain.crm.followup.step", string="Step", required=True, readonly=True, index=True, ondelete="cascade"
    )
    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True, index="btree_not_null", ondelete="cascade")
    member_id = fields.Many2one(
        "chain.member", string="Member", readonly=True, index="btree_not_null", ondelete="cascade"
    )
    store_id = fields.Many2one("chain.store", string="Store", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Assigned to", index=True, tracking=True)
    trigger_date = fields.Date(required=True, readonly=True, help="The day of the moment that started the plan.")
    date_due = fields.Date(string="Due", required=True, readonly=True, index=True)
    summary = fields.Char(related="step_id.summary")
    script = fields.Text(related="step_id.script")
    activity_type_id = fields.Many2one(related="step_id.activity_type_id", string="Activity")
    activity_scheduled = fields.Boolean(readonly=True, help="The user's activity was created.")
    outcome = fields.Selection(
        [
            ("reached", "Reached"),
            ("not_reached", "Not reached"),
            ("converted", "Became a member"),
            ("purchased", "Purchased"),
            ("declined", "Declined"),
        ],
        readonly=True,
        tracking=True,
        index=True,
    )
    outcome_date = fields.Date(readonly=True)
    note = fields.Text()
    contact_name = fields.Char(compute="_compute_contact", string="Contact")
    mobile = fields.Char(compute="_compute_contact")

    def init(self):
        # one task per step, subject and trigger date, ever: the job's INSERT skips the others
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS chain_crm_followup_lead_uniq "
            "ON chain_crm_followup (step_id, lead_id, trigger_date) WHERE lead_id IS NOT NULL"
        )
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS chain_crm_followup_member_uniq "
            "ON chain_crm_followup (step_id, member_id, trigger_date) WHERE lead_id IS NULL"
        )
        # the activities' scan: tasks due and not scheduled yet
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS chain_crm_followup_to_schedule_idx "
            "ON chain_crm_followup (date_due) WHERE NOT activity_scheduled AND outcome IS NULL"
        )

    @api.depends("lead_id", "member_id")
    def _compute_contact(self):
        for task in self:
            if task.lead_id:
                task.contact_name = task.lead_id.contact_name or task.lead_id.name
                task.mobile = task.lead_id.phone or task.lead_id.mobile
            else:
                task.contact_name = task.member_id.name
                task.mobile = task.member_id.mobile

    @api.depends("step_id.summary", "lead_id", "member_id")
    def _compute_display_name(self):
        for task in self:
            who = task.lead_id.display_name or task.member_id.display_name or ""
            task.display_name = " - ".join(p for p in (task.step_id.summary, who) if p)

    # ------------------------------------------------------------------
    # Outcome (the buttons)
    # ------------------------------------------------------------------
    def action_reached(self):
        """The guide reached the customer."""
        return self._chain_set_outcome("reached")

    def action_not_reached(self):
        """The guide could not reach the customer."""
        return self._chain_set_outcome("not_reached")

    def action_converted(self):
        """The expectant parent became a member."""
        return self._chain_set_outcome("converted")

    def action_purchased(self):
        """The customer bought after the follow-up."""
        return self._chain_set_outcome("purchased")

    def action_declined(self):
        """The customer does not want to be followed up."""
        return self._chain_set_outcome("declined")

    def _chain_check_outcome_rights(self):
        """The task's user, the manager of its store or a chain manager records the outcome."""
        self.check_access("write")
        user = self.env.user
        if user.has_group("chain_store.group_chain_manager") or self.env.su:
            return
        for task in self:
            if task.user_id == user or task.store_id.manager_id == user:
                continue
            if (
                user.has_group("chain_store.group_chain_store_manager")
                and task.store_id in user.chain_visible_store_ids
            ):
                continue
            raise AccessError(
                _("The outcome of follow-up %s is recorded by its guide or the store manager.", task.display_name)
            )

    def _chain_set_outcome(self, outcome):
        if not self:
            return True
        self._chain_check_outcome_rights()
        self.write({"outcome": outcome, "outcome_date": fields.Date.context_today(self)})
        label = dict(self._fields["outcome"]._description_selection(self.env))[outcome]
        # sudo: the task's own activities close with its outcome (the rights were checked above)
        self.sudo().activity_ids.action_feedback(feedback=label)
        return True

    # ------------------------------------------------------------------
    # The daily job
    # ------------------------------------------------------------------
    @api.model
    def _cron_schedule(self, today=None):
        """The daily scheduler: tasks of every active plan, then the activities of the tasks due.

        1. one ``INSERT ... SELECT`` per trigger (``_chain_trigger_queries``) creates
           the tasks of every step of every active plan of that trigger, for the
           subjects whose trigger date is in ``[today - CATCH_UP_DAYS, today]``;
           the unique indexes drop the tasks created already (idempotent);
        2. the tasks due on or before ``today``, with a user, without outcome nor
           activity get their activity (batched ``create``, like the member
           follow-ups).

        Returns ``(tasks created, activities created)`` (counts).
        """
        today = today or fields.Date.context_today(self)
        if isinstance(today, str):
            today = fields.Date.to_date(today)
        self.env.flush_all()
        created = 0
        for trigger, subjects in self._chain_trigger_queries(today).items():
            self.env.cr.execute(self._chain_insert_query(trigger, subjects, today))
            created += self.env.cr.rowcount
        activities = self._chain_schedule_activities(today)
        self.invalidate_model()
        return created, activities

    def _chain_tz(self):
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    def _chain_local_date(self, column):
        """SQL: the local (user's time zone) date of a UTC ``timestamp`` column expression."""
        return SQL("timezone(%s, timezone('UTC', %s))::date", self._chain_tz(), column)

    def _chain_open_lead(self, alias):
        """SQL condition: the lead (alias) is an open lead of a store."""
        return SQL(
            "%(l)s.active AND %(l)s.chain_store_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM crm_stage ws WHERE ws.id = %(l)s.stage_id AND ws.is_won)",
            l=SQL.identifier(alias),
        )

    def _chain_followed_member(self, alias):
        """SQL condition: the member may be followed up (as chain_member's follow-ups: active, consent)."""
        return self.env["chain.member.followup"]._chain_member_filter(alias)

    def _chain_trigger_queries(self, today):
        """``{trigger: SQL}``: per trigger, the subjects of its active plans.

        Each query selects ``plan_id, lead_id, member_id, store_id, company_id,
        guide_id, trigger_date, due_date`` (``lead_id`` or ``member_id`` null;
        ``due_date`` the lead's or the expected baby's, for steps counted from
        it) for the trigger dates in the window; ``p`` is the plan. Addons add
        their triggers here.
        """
        first = today - datetime.timedelta(days=CATCH_UP_DAYS)
        window = SQL("BETWEEN %s AND %s", first, today)
        queries = {
            "lead_created": SQL(
                """
                SELECT p.id, l.id, NULL::int, l.chain_store_id, st.company_id, l.user_id, x.day, l.chain_due_date
                  FROM crm_lead l
                  JOIN chain_store st ON st.id = l.chain_store_id
                  JOIN chain_crm_followup_plan p ON p.trigger = 'lead_created' AND p.active
                       AND p.company_id = st.company_id
                 CROSS JOIN LATERAL (SELECT %(created)s AS day) x
                 WHERE l.create_date >= %(since)s AND x.day %(window)s AND %(open)s
                """,
                created=self._chain_local_date(SQL("l.create_date")),
                since=datetime.datetime.combine(first - datetime.timedelta(days=1), datetime.time.min),
                window=window,
                open=self._chain_open_lead("l"),
            ),
            "stage_change": SQL(
                """
                SELECT p.id, l.id, NULL::int, l.chain_store_id, st.company_id, l.user_id, x.day, l.chain_due_date
                  FROM crm_lead l
                  JOIN chain_store st ON st.id = l.chain_store_id
                  JOIN chain_crm_followup_plan p ON p.trigger = 'stage_change' AND p.active
                       AND p.company_id = st.company_id AND p.stage_id = l.stage_id
                 CROSS JOIN LATERAL (SELECT %(moved)s AS day) x
                 WHERE l.date_last_stage_update >= %(since)s AND x.day %(window)s
                   AND l.active AND l.chain_store_id IS NOT NULL
                """,
                moved=self._chain_local_date(SQL("l.date_last_stage_update")),
                since=datetime.datetime.combine(first - datetime.timedelta(days=1), datetime.time.min),
                window=window,
            ),
            "first_purchase": SQL(
                """
                SELECT p.id, l.id, NULL::int, l.chain_store_id, st.company_id, l.user_id,
                       l.chain_first_purchase_date::date, l.chain_due_date
                  FROM crm_lead l
                  JOIN chain_store st ON st.id = l.chain_store_id
                  JOIN chain_crm_followup_plan p ON p.trigger = 'first_purchase' AND p.active
                       AND p.company_id = st.company_id
                 WHERE l.chain_first_purchase_date::date %(window)s AND l.chain_store_id IS NOT NULL
                """,
                window=window,
            ),
            "due_soon": SQL(
                """
                SELECT p.id, l.id, NULL::int, l.chain_store_id, st.company_id, l.user_id,
                       l.chain_due_date - p.trigger_days, l.chain_due_date
                  FROM crm_lead l
                  JOIN chain_store st ON st.id = l.chain_store_id
                  JOIN chain_crm_followup_plan p ON p.trigger = 'due_soon' AND p.active
                       AND p.company_id = st.company_id
                 WHERE l.chain_due_date BETWEEN %(first)s::date AND %(last)s::date
                   AND l.chain_due_date - p.trigger_days %(window)s
                   AND l.chain_member_id IS NULL AND %(open)s
                UNION ALL
                SELECT p.id, NULL::int, m.id, m.home_store_id, m.company_id, m.guide_user_id,
                       b.due_date - p.trigger_days, b.due_date
                  FROM chain_member_baby b
                  JOIN chain_member m ON m.id = b.member_id
                  JOIN chain_crm_followup_plan p ON p.trigger = 'due_soon' AND p.active
                       AND p.company_id = m.company_id
                 WHERE b.birth_date IS NULL AND b.due_date BETWEEN %(first)s::date AND %(last)s::date
                   AND b.due_date - p.trigger_days %(window)s AND m.home_store_id IS NOT NULL AND %(member)s
                """,
                first=first,
                last=today + datetime.timedelta(days=self._chain_max_days("due_soon")),
                window=window,
                open=self._chain_open_lead("l"),
                member=self._chain_followed_member("m"),
            ),
            "baby_stage": self._chain_baby_stage_query(today, first, window),
            "no_purchase": self._chain_no_purchase_query(today, first, window),
        }
        return queries

    def _chain_max_days(self, trigger):
        """The largest ``trigger_days`` of the active plans of ``trigger`` (bounds the date scans)."""
        self.env.cr.execute(
            "SELECT COALESCE(MAX(trigger_days), 0) FROM chain_crm_followup_plan WHERE active AND trigger = %s",
            [trigger],
        )
        return self.env.cr.fetchone()[0]

    def _chain_baby_stage_query(self, today, first, window):
        """Babies moving to the next formula stage in ``trigger_days`` days (chain_member's stage changes)."""
        changes = baby_lib.stage_changes()
        months = [m for m, _stage in changes]
        last = today + datetime.timedelta(days=self._chain_max_days("baby_stage"))
        slack = datetime.timedelta(days=3)  # the month ends: the exact test is on the moment
        return SQL(
            """
            SELECT p.id, NULL::int, x.member_id, x.home_store_id, x.company_id, x.guide_user_id,
                   x.moment - p.trigger_days, NULL::date
              FROM (
                SELECT m.id AS member_id, m.home_store_id, m.company_id, m.guide_user_id,
                       (b.birth_date + make_interval(months => s.months))::date AS moment
                  FROM chain_member_baby b
                  JOIN chain_member m ON m.id = b.member_id
                 CROSS JOIN (VALUES %(changes)s) AS s(months)
                 WHERE b.birth_date BETWEEN %(born_from)s AND %(born_to)s
                   AND m.home_store_id IS NOT NULL AND %(member)s
              ) x
              JOIN chain_crm_followup_plan p ON p.trigger = 'baby_stage' AND p.active AND p.company_id = x.company_id
             WHERE x.moment BETWEEN %(first)s AND %(last)s AND x.moment - p.trigger_days %(window)s
            """,
            changes=SQL(", ").join(SQL("(%s)", m) for m in months),
            born_from=baby_lib.add_months(first, -max(months)) - slack,
            born_to=baby_lib.add_months(last, -min(months)) + slack,
            member=self._chain_followed_member("m"),
            first=first,
            last=last,
            window=window,
        )

    def _chain_no_purchase_query(self, today, first, window):
        """Members whose last paid POS order (or joining) was ``trigger_days`` days ago.

        One aggregation of the paid orders of the members of the companies
        with such a plan; the trigger date is the day the ``trigger_days`` ran
        out, so a member who buys again and stops again gets a new task.
        """
        self.env.cr.execute(
            "SELECT COALESCE(MAX(trigger_days), 0) FROM chain_crm_followup_plan "
            "WHERE active AND trigger = 'no_purchase'"
        )
        high = self.env.cr.fetchone()[0]
        since = datetime.datetime.combine(first - datetime.timedelta(days=high + 1), datetime.time.min)
        return SQL(
            """
            SELECT p.id, NULL::int, m.id, m.home_store_id, m.company_id, m.guide_user_id,
                   COALESCE(o.last_day, m.join_date) + p.trigger_days, NULL::date
              FROM chain_member m
              JOIN chain_crm_followup_plan p ON p.trigger = 'no_purchase' AND p.active AND p.company_id = m.company_id
              LEFT JOIN (
                    SELECT po.partner_id, po.company_id, MAX(%(day)s) AS last_day
                      FROM pos_order po
                     WHERE po.state IN %(states)s AND po.partner_id IS NOT NULL
                       AND po.date_order >= %(since)s
                     GROUP BY po.partner_id, po.company_id
                   ) o ON o.partner_id = m.partner_id AND o.company_id = m.company_id
             WHERE m.home_store_id IS NOT NULL AND %(member)s
               AND COALESCE(o.last_day, m.join_date) + p.trigger_days %(window)s
            """,
            day=self._chain_local_date(SQL("po.date_order")),
            states=_PAID_STATES,
            since=since,
            member=self._chain_followed_member("m"),
            window=window,
        )

    def _chain_insert_query(self, trigger, subjects, today):
        """SQL: insert the tasks of every step of the plans found by ``subjects`` (see ``_chain_trigger_queries``).

        The user: for a step of the guide, the lead's salesperson or the
        member's guide, else the store's manager; for a step of the store
        manager, the store's manager; none: the task has no user. Plans limited
        to some stores skip the others' subjects; steps counted from the due
        date skip subjects without one.
        """
        return SQL(
            """
            INSERT INTO chain_crm_followup (
                plan_id, step_id, lead_id, member_id, store_id, company_id, user_id,
                trigger_date, date_due, activity_scheduled,
                create_uid, write_uid, create_date, write_date)
            SELECT t.plan_id, s.id, t.lead_id, t.member_id, t.store_id, t.company_id,
                   CASE WHEN s.assign_to = 'guide' THEN COALESCE(gu.id, st.manager_id) ELSE st.manager_id END,
                   t.trigger_date,
                   CASE WHEN s.delay_from = 'due_date' THEN t.due_date ELSE t.trigger_date END + s.delay_days,
                   FALSE, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM (%(subjects)s) AS t(plan_id, lead_id, member_id, store_id, company_id, guide_id,
                                       trigger_date, due_date)
              JOIN chain_crm_followup_step s ON s.plan_id = t.plan_id
              JOIN chain_store st ON st.id = t.store_id
              LEFT JOIN res_users gu ON gu.id = t.guide_id AND gu.active
             WHERE (s.delay_from = 'trigger' OR t.due_date IS NOT NULL)
               AND (NOT EXISTS (SELECT 1 FROM chain_crm_followup_plan_chain_store_rel r
                                 WHERE r.chain_crm_followup_plan_id = t.plan_id)
                    OR EXISTS (SELECT 1 FROM chain_crm_followup_plan_chain_store_rel r
                                WHERE r.chain_crm_followup_plan_id = t.plan_id AND r.chain_store_id = t.store_id))
            ON CONFLICT DO NOTHING
            """,
            uid=self.env.uid,
            subjects=subjects,
        )

    def _chain_schedule_activities(self, today):
        """Activities of the tasks due on or before ``today`` not scheduled yet: batched ``create``.

        Returns the number of activities created.
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM chain_crm_followup
                 WHERE NOT activity_scheduled AND outcome IS NULL AND date_due <= %s AND user_id IS NOT NULL
                 ORDER BY id
                """,
                today,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        model_id = self.env["ir.model"]._get_id(self._name)
        default_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        Activity = self.env["mail.activity"].with_context(mail_activity_quick_update=True)
        count = 0
        for start in range(0, len(ids), _BATCH):
            tasks = self.browse(ids[start : start + _BATCH])
            tasks.fetch(["step_id", "user_id", "date_due"])
            tasks.step_id.fetch(["summary", "script", "activity_type_id"])
            vals_list = [
                {
                    "res_model_id": model_id,
                    "res_id": task.id,
                    "activity_type_id": (task.step_id.activity_type_id or default_type).id,
                    "summary": task.step_id.summary,
                    "note": task.step_id.script or False,
                    "date_deadline": task.date_due,
                    "user_id": task.user_id.id,
                    "automated": True,
                }
                for task in tasks
            ]
            Activity.create(vals_list)
            self.env.cr.execute(
                "UPDATE chain_crm_followup SET activity_scheduled = TRUE WHERE id IN %s", [tuple(tasks.ids)]
            )
            count += len(vals_list)
        return count
