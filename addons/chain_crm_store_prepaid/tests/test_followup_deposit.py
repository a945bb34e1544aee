import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.chain_member.tests.common import ChainMemberCase

D = datetime.date
MARCH_1 = D(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestFollowupDeposit(ChainMemberCase):
    """A "deposit running low" plan (2 units left): Wang (store A, guide staff_a) has formula on deposit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.member_a | cls.member_b).action_record_consent()
        cls.member_a.guide_user_id = cls.staff_a
        cls.plan = cls.env["chain.crm.followup.plan"].create(
            {
                "name": "Deposit low (test)",
                "trigger": "deposit_low",
                "deposit_low_qty": 2,
                "step_ids": [Command.create({"summary": "Deposit running low", "script": "Only 2 cans left"})],
            }
        )
        cls.Task = cls.env["chain.crm.followup"]

    def _deposit(self, member, picked_up, date=MARCH_1, store=None):
        # sudo: deposits are created by the till's paid order; the test writes their figures directly
        return (
            self.env["chain.member.deposit"]
            .sudo()
            .create(
                {
                    "member_id": member.id,
                    "product_id": self.product.id,
                    "company_id": self.env.company.id,
                    "store_id": (store or self.store_a).id,
                    "date": date,
                    "expiry_date": date + datetime.timedelta(days=180),
                    "unit_price": 300.0,
                    "qty_deposited": 6,
                    "qty_picked_up": picked_up,
                }
            )
        )

    def _run(self, day):
        with freeze_time(f"{day} 03:30:00"):
            return self.Task._cron_schedule()

    def test_deposit_running_low_gives_the_guide_a_task(self):
        self._deposit(self.member_a, picked_up=4)
        self._deposit(self.member_b, picked_up=1)  # 5 left: not low
        self._run("2026-03-02")
        tasks = self.Task.search([("plan_id", "=", self.plan.id)])
        self.assertRecordValues(
            tasks, [{"member_id": self.member_a.id, "user_id": self.staff_a.id, "trigger_date": D(2026, 3, 1)}]
        )
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "chain.crm.followup"), ("res_id", "=", tasks.id)]
        )
        self.assertEqual(activity.user_id, self.staff_a)
        self.assertEqual(self._run("2026-03-02"), (0, 0), "idempotent")
        self.assertFalse(self.Task.with_user(self.staff_b).search([("plan_id", "=", self.plan.id)]))

    def test_the_last_pickup_day_is_the_trigger(self):
        deposit = self._deposit(self.member_a, picked_up=5, date=D(2026, 1, 10))
        # sudo: as the till records a pickup
        self.env["chain.member.deposit.pickup"].sudo().create(
            {
                "deposit_id": deposit.id,
                "qty": 5,
                "store_id": self.store_a.id,
                "date": datetime.datetime(2026, 3, 5, 4, 0),
            }
        )
        self._run("2026-03-06")
        self.assertRecordValues(self.Task.search([("plan_id", "=", self.plan.id)]), [{"trigger_date": D(2026, 3, 5)}])

    def test_empty_or_expired_deposits_start_nothing(self):
        self._deposit(self.member_a, picked_up=6)
        self._deposit(self.member_a, picked_up=5, date=D(2025, 8, 1))  # expired 2026-01-28
        self._run("2026-03-02")
        self.assertFalse(self.Task.search([("plan_id", "=", self.plan.id)]))
