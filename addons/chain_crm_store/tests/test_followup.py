import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.chain_member.tests.common import ChainMemberCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestFollowupPlans(ChainMemberCase):
    """Store A (manager manager_a, guide staff_a), store B (no manager, guide staff_b).

    The two plans of the data are active: "Expectant parent" (lead created: day 0
    call, day 3 class, 7 days before the due date) and "Repurchase" (30 days
    without purchase).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.member_a | cls.member_b).action_record_consent()
        cls.member_a.guide_user_id = cls.staff_a
        cls.Task = cls.env["chain.crm.followup"]
        cls.Plan = cls.env["chain.crm.followup.plan"]
        cls.expectant = cls.env.ref("chain_crm_store.chain_crm_followup_plan_expectant")
        cls.repurchase = cls.env.ref("chain_crm_store.chain_crm_followup_plan_repurchase")
        cls.staff_a2 = cls._user("t_staff_a2", "chain_store.group_chain_store_user", cls.store_a)

    def _lead(self, store=None, user=None, due=None, when="2026-03-02 02:00:00", **vals):
        with freeze_time(when):
            lead = self.env["crm.lead"].create(
                {
                    "name": "王女士 (test)",
                    "contact_name": "王女士",
                    "phone": "13800001111",
                    "chain_store_id": (store or self.store_a).id,
                    "user_id": user.id if user else False,
                    "chain_due_date": due,
                    **vals,
                }
            )
        self._stamp(lead, create_date=when, date_last_stage_update=when)
        return lead

    def _stamp(self, lead, **dates):
        """The ORM stamps the database's clock, which freeze_time does not stop: set the dates."""
        lead.flush_recordset()
        for column, value in dates.items():
            self.env.cr.execute(
                SQL("UPDATE crm_lead SET %s = %s WHERE id = %s", SQL.identifier(column), value, lead.id)
            )
        lead.invalidate_recordset()

    def _run(self, day):
        with freeze_time(f"{day} 03:30:00"):
            return self.Task._cron_schedule()

    def _tasks(self, plan, **domain):
        return self.Task.search([("plan_id", "=", plan.id)] + [(k, "=", v) for k, v in domain.items()])

    def _plan(self, trigger, steps=None, **vals):
        return self.Plan.create(
            {
                "name": f"{trigger} (test)",
                "trigger": trigger,
                "step_ids": [
                    Command.create({"summary": summary, "delay_days": delay, "assign_to": assign})
                    for summary, delay, assign in (steps or [("Call", 0, "guide")])
                ],
                **vals,
            }
        )

    def _activities(self, tasks):
        return self.env["mail.activity"].search([("res_model", "=", "chain.crm.followup"), ("res_id", "in", tasks.ids)])

    # ------------------------------------------------------------------
    def test_lead_created_gives_the_three_steps_and_todays_activity_to_the_guide(self):
        lead = self._lead(user=self.staff_a, due=D(2026, 5, 1))
        self._run("2026-03-02")
        tasks = self._tasks(self.expectant, lead_id=lead.id).sorted("date_due")
        self.assertEqual(tasks.mapped("date_due"), [D(2026, 3, 2), D(2026, 3, 5), D(2026, 4, 24)])
        self.assertEqual(tasks.user_id, self.staff_a)
        self.assertEqual(tasks.store_id, self.store_a)
        activities = self._activities(tasks)
        self.assertRecordValues(activities, [{"user_id": self.staff_a.id, "summary": "Welcome call"}])
        self.assertIn("prenatal", tasks[1].script)
        # the class invitation's activity comes on day 3
        self._run("2026-03-05")
        self.assertEqual(self._activities(tasks).mapped("summary"), ["Welcome call", "Invite to a prenatal class"])

    def test_running_twice_creates_nothing(self):
        self._lead(user=self.staff_a, due=D(2026, 5, 1))
        first = self._run("2026-03-02")
        self.assertGreater(first[0], 0)
        self.assertEqual(self._run("2026-03-02"), (0, 0))
        self.assertEqual(self._run("2026-03-03"), (0, 0))

    @mute_logger("odoo.sql_db")
    def test_one_task_per_step_subject_and_day_in_the_database(self):
        lead = self._lead(user=self.staff_a)
        self._run("2026-03-02")
        task = self._tasks(self.expectant, lead_id=lead.id)[:1]
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO chain_crm_followup (plan_id, step_id, lead_id, store_id, company_id, trigger_date, "
                "date_due) SELECT plan_id, step_id, lead_id, store_id, company_id, trigger_date, date_due "
                "FROM chain_crm_followup WHERE id = %s",
                [task.id],
            )

    def test_a_missed_day_is_caught_up_a_week(self):
        lead = self._lead(user=self.staff_a)
        self._run("2026-03-06")
        self.assertEqual(len(self._tasks(self.expectant, lead_id=lead.id)), 2, "no due date: no due-date step")
        other = self._lead(user=self.staff_a, when="2026-03-20 02:00:00")
        self._run("2026-03-30")
        self.assertFalse(self._tasks(self.expectant, lead_id=other.id))

    def test_due_soon_for_leads_and_expected_babies(self):
        plan = self._plan("due_soon", trigger_days=10)
        lead = self._lead(user=self.staff_a, due=D(2026, 4, 20))
        with freeze_time("2026-03-02"):
            baby = self.env["chain.member.baby"].create({"member_id": self.member_a.id, "due_date": D(2026, 4, 25)})
        self._run("2026-04-10")
        self.assertFalse(self._tasks(plan, member_id=self.member_a.id))
        self.assertRecordValues(
            self._tasks(plan, lead_id=lead.id), [{"trigger_date": D(2026, 4, 10), "user_id": self.staff_a.id}]
        )
        self._run("2026-04-15")
        self.assertRecordValues(
            self._tasks(plan, member_id=self.member_a.id),
            [{"trigger_date": D(2026, 4, 15), "user_id": self.staff_a.id}],
        )
        self.assertTrue(baby)

    def test_first_purchase(self):
        plan = self._plan("first_purchase")
        lead = self._lead(user=self.staff_a)
        self.env.cr.execute("UPDATE crm_lead SET chain_first_purchase_date = '2026-03-10' WHERE id = %s", [lead.id])
        self._run("2026-03-11")
        self.assertRecordValues(self._tasks(plan), [{"lead_id": lead.id, "trigger_date": D(2026, 3, 10)}])

    def test_baby_stage_change(self):
        plan = self._plan("baby_stage", trigger_days=7)
        with freeze_time("2026-02-01"):
            self.env["chain.member.baby"].create({"member_id": self.member_a.id, "birth_date": D(2026, 1, 15)})
        self._run("2026-07-07")
        self.assertFalse(self._tasks(plan))
        self._run("2026-07-08")  # stage 2 from 2026-07-15 (6 months)
        self.assertRecordValues(
            self._tasks(plan),
            [{"member_id": self.member_a.id, "trigger_date": D(2026, 7, 8), "user_id": self.staff_a.id}],
        )

    def test_stage_change_of_a_lead(self):
        contacted = self.env.ref("chain_crm_store.stage_contacted")
        plan = self._plan("stage_change", stage_id=contacted.id)
        lead = self._lead(user=self.staff_a)
        with freeze_time("2026-03-04 02:00:00"):
            lead.stage_id = contacted
        self._stamp(lead, date_last_stage_update="2026-03-04 02:00:00")
        self._run("2026-03-04")
        self.assertRecordValues(self._tasks(plan), [{"lead_id": lead.id, "trigger_date": D(2026, 3, 4)}])

    def test_no_purchase_for_thirty_days(self):
        with freeze_time("2026-03-01 02:00:00"):
            self._sale(self.member_a, 100.0)
        self._run("2026-03-30")
        self.assertFalse(self._tasks(self.repurchase, member_id=self.member_a.id))
        self._run("2026-03-31")
        task = self._tasks(self.repurchase, member_id=self.member_a.id)
        self.assertRecordValues(task, [{"trigger_date": D(2026, 3, 31), "user_id": self.staff_a.id}])
        self.assertEqual(self._activities(task).user_id, self.staff_a)

    def test_member_without_guide_goes_to_the_store_manager(self):
        self.member_a.guide_user_id = False
        with freeze_time("2026-03-01 02:00:00"):
            self._sale(self.member_a, 100.0)
        self._run("2026-03-31")
        task = self._tasks(self.repurchase, member_id=self.member_a.id)
        self.assertEqual(task.user_id, self.manager_a)
        self.assertEqual(self._activities(task).user_id, self.manager_a)

    def test_store_without_manager_gives_an_unassigned_task_listed(self):
        lead = self._lead(store=self.store_b)
        self.assertFalse(self.store_b.manager_id)
        self._run("2026-03-02")
        tasks = self._tasks(self.expectant, lead_id=lead.id)
        self.assertTrue(tasks)
        self.assertFalse(tasks.user_id)
        self.assertFalse(self._activities(tasks))
        # listed for the store's staff under "Unassigned"
        visible = self.Task.with_user(self.staff_b).search([("user_id", "=", False)])
        self.assertEqual(visible, tasks)

    def test_manager_step_goes_to_the_store_manager(self):
        plan = self._plan("lead_created", steps=[("Manager call", 1, "store_manager")])
        lead = self._lead(user=self.staff_a)
        self._run("2026-03-03")
        self.assertEqual(self._tasks(plan, lead_id=lead.id).user_id, self.manager_a)

    def test_plan_limited_to_some_stores(self):
        plan = self._plan("lead_created", store_ids=[Command.set(self.store_b.ids)])
        self._lead(user=self.staff_a)
        lead_b = self._lead(store=self.store_b, user=self.staff_b)
        self._run("2026-03-02")
        self.assertEqual(self._tasks(plan).lead_id, lead_b)

    def test_guides_see_their_own_tasks_other_stores_none(self):
        self._lead(user=self.staff_a)
        self._lead(store=self.store_b, user=self.staff_b)
        self._run("2026-03-02")
        tasks_a = self.Task.search([("store_id", "=", self.store_a.id)])
        self.assertTrue(tasks_a)
        self.assertEqual(self.Task.with_user(self.staff_a).search([]).store_id, self.store_a)
        self.assertFalse(self.Task.with_user(self.staff_b).search([("store_id", "=", self.store_a.id)]))
        self.assertFalse(self.Task.with_user(self.staff_a2).search([("user_id", "=", self.staff_a.id)]))
        self.assertEqual(self.Task.with_user(self.manager_a).search([("store_id", "=", self.store_a.id)]), tasks_a)
        report = self.env["chain.crm.followup.report"].with_user(self.staff_b).search([])
        self.assertNotIn(self.store_a, report.store_id)

    def test_outcome_buttons_and_refusals(self):
        lead = self._lead(user=self.staff_a)
        self._run("2026-03-02")
        task = self._tasks(self.expectant, lead_id=lead.id).filtered(lambda t: t.date_due == D(2026, 3, 2))
        with self.assertRaises(AccessError):
            task.with_user(self.staff_b).action_reached()
        with self.assertRaises(AccessError):
            task.with_user(self.staff_a2).action_reached()
        with self.assertRaises(AccessError):
            task.with_user(self.staff_a).write({"outcome": "reached"})
        with freeze_time("2026-03-02 08:00:00"):
            task.with_user(self.staff_a).action_reached()
        self.assertRecordValues(task, [{"outcome": "reached", "outcome_date": D(2026, 3, 2)}])
        self.assertFalse(self._activities(task), "the activity is done")
        # the store manager records an outcome for the guide
        later = self._tasks(self.expectant, lead_id=lead.id) - task
        later.with_user(self.manager_a).action_not_reached()
        self.assertEqual(set(later.mapped("outcome")), {"not_reached"})

    def test_completion_report(self):
        lead = self._lead(user=self.staff_a)
        self._run("2026-03-05")
        tasks = self._tasks(self.expectant, lead_id=lead.id).sorted("date_due")
        with freeze_time("2026-03-02 08:00:00"):
            tasks[0].with_user(self.staff_a).action_reached()
        with freeze_time("2026-03-07 08:00:00"):
            tasks[1].with_user(self.staff_a).action_reached()
        Report = self.env["chain.crm.followup.report"]
        groups = Report._read_group(
            [("plan_id", "=", self.expectant.id), ("store_id", "=", self.store_a.id)],
            ["user_id"],
            ["due:sum", "done:sum", "on_time:sum", "late:sum", "done_rate:avg"],
        )
        self.assertEqual(groups, [(self.staff_a, 2, 2, 1, 1, 100.0)])
        action = Report.search([("followup_id", "=", tasks[0].id)]).action_open_followup()
        self.assertEqual(action["res_id"], tasks[0].id)

    def test_plan_for_a_stage_needs_the_stage(self):
        with self.assertRaises(ValidationError):
            self._plan("stage_change")
