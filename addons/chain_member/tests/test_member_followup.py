import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import ChainMemberCase

D = datetime.date


class FollowupCase(ChainMemberCase):
    """Wang (store A, guide staff_a) and Li (store B, no guide) with marketing consent;
    formula of two brands: 飞鹤 stages 1-3, 君乐宝 stages 1-2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.feihe = {
            stage: Product.create(
                {"name": f"飞鹤 {stage}段 (test)", "chain_brand": "飞鹤", "chain_formula_stage": stage}
            )
            for stage in "123"
        }
        cls.junlebao = {
            stage: Product.create(
                {"name": f"君乐宝 {stage}段 (test)", "chain_brand": "君乐宝", "chain_formula_stage": stage}
            )
            for stage in "12"
        }
        (cls.member_a | cls.member_b).action_record_consent()
        cls.member_a.guide_user_id = cls.staff_a
        cls.Followup = cls.env["chain.member.followup"]

    def _baby(self, member, created="2024-01-01", **vals):
        with freeze_time(created):
            return self.env["chain.member.baby"].create({"member_id": member.id, **vals})

    def _run(self, day):
        with freeze_time(f"{day} 03:30:00"):
            return self.Followup._cron_create_followups()

    def _buy(self, member, product, day, qty=1, price=100.0):
        """A paid POS order of ``member`` on ``day`` for ``qty`` of ``product``."""
        with freeze_time(f"{day} 10:00:00"):
            if not self.config_a.current_session_id:
                self.config_a.open_ui()
            session = self.config_a.current_session_id
            amount = qty * price
            order = self.env["pos.order"].create(
                {
                    "session_id": session.id,
                    "partner_id": member.partner_id.id,
                    "amount_total": amount,
                    "amount_tax": 0.0,
                    "amount_paid": amount,
                    "amount_return": 0.0,
                    "lines": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "qty": qty,
                                "price_unit": price,
                                "price_subtotal": amount,
                                "price_subtotal_incl": amount,
                            }
                        )
                    ],
                }
            )
            self.env["pos.payment"].create(
                {"pos_order_id": order.id, "amount": amount, "payment_method_id": session.payment_method_ids[:1].id}
            )
            order.action_pos_order_paid()
            return order


@tagged("post_install", "-at_install")
class TestMemberFollowup(FollowupCase):
    def test_stage_change_followed_up_once_two_weeks_before_with_the_usual_brand(self):
        baby = self._baby(self.member_a, created="2026-06-01", name="小宝", birth_date="2026-01-15")
        self._buy(self.member_a, self.feihe["1"], "2026-05-01", qty=2)
        self._buy(self.member_a, self.junlebao["1"], "2026-05-20", qty=1)
        self.assertFalse(self._run("2026-06-30"))
        [followup] = self._run("2026-07-01")
        self.assertRecordValues(
            followup,
            [
                {
                    "kind": "stage",
                    "member_id": self.member_a.id,
                    "baby_id": baby.id,
                    "date": D(2026, 7, 1),
                    "moment_date": D(2026, 7, 15),
                    "product_id": self.feihe["2"].id,
                    "user_id": self.staff_a.id,
                    "store_id": self.store_a.id,
                    "company_id": self.env.company.id,
                    "outcome": False,
                }
            ],
        )
        self.assertRecordValues(
            followup.activity_id, [{"user_id": self.staff_a.id, "date_deadline": D(2026, 7, 1), "res_id": followup.id}]
        )
        self.assertIn("飞鹤 2段", followup.activity_id.summary)
        self.assertFalse(self._run("2026-07-02"))
        self.assertFalse(self._run("2026-07-15"))
        # the 12-month change: stage 3 of the same brand
        [second] = self._run("2027-01-01")
        self.assertRecordValues(
            second, [{"kind": "stage", "moment_date": D(2027, 1, 15), "product_id": self.feihe["3"].id}]
        )
        self.assertFalse(self._run("2027-01-02"))

    def test_due_date_followed_up_on_the_day(self):
        self.member_a.guide_user_id = False
        self.store_a.manager_id = self.manager_a
        baby = self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        self.assertFalse(self._run("2026-08-09"))
        [followup] = self._run("2026-08-10")
        self.assertRecordValues(
            followup,
            [
                {
                    "kind": "due",
                    "baby_id": baby.id,
                    "moment_date": D(2026, 8, 10),
                    "product_id": False,
                    # no guide: the store's manager
                    "user_id": self.manager_a.id,
                }
            ],
        )
        self.assertEqual(followup.activity_id.user_id, self.manager_a)
        self.assertFalse(self._run("2026-08-11"))

    def test_a_missed_moment_is_caught_up_for_a_week(self):
        caught = self._baby(self.member_a, created="2026-06-01", due_date="2026-08-03")
        self._baby(self.member_a, created="2026-06-01", due_date="2026-08-02")
        followups = self._run("2026-08-10")
        self.assertEqual(followups.baby_id, caught)

    def test_birthdays(self):
        baby = self._baby(self.member_a, created="2026-01-01", birth_date="2025-03-20")
        leap = self._baby(self.member_b, created="2024-03-01", birth_date="2024-02-29")
        birthdays = self.Followup.browse()
        for day in ("2025-02-27", "2025-02-28", "2025-03-01", "2026-03-19", "2026-03-20", "2026-03-21"):
            birthdays |= self._run(day).filtered(lambda f: f.kind == "birthday")
        self.assertRecordValues(
            birthdays.sorted("moment_date"),
            [
                {"baby_id": leap.id, "moment_date": D(2025, 2, 28), "date": D(2025, 2, 28), "user_id": False},
                {"baby_id": baby.id, "moment_date": D(2026, 3, 20), "date": D(2026, 3, 20), "user_id": self.staff_a.id},
            ],
        )
        # no guide and no store manager: a follow-up without activity
        self.assertFalse(birthdays[0].activity_ids)

    def test_no_followup_without_consent(self):
        self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        self._baby(self.member_b, created="2026-06-01", due_date="2026-08-10")
        self.member_b.action_withdraw_consent()
        self.assertEqual(self._run("2026-08-10").member_id, self.member_a)

    def test_formula_late_on_the_members_rhythm(self):
        for day in ("2026-03-01", "2026-03-31", "2026-04-30"):
            self._buy(self.member_a, self.feihe["2"], day)
        # every 30 days: late when 30 + 7 days have passed since 30 April
        self.assertFalse(self._run("2026-06-05"))
        [late] = self._run("2026-06-06")
        self.assertRecordValues(
            late,
            [
                {
                    "kind": "replenish",
                    "baby_id": False,
                    "moment_date": D(2026, 4, 30),
                    "product_id": self.feihe["2"].id,
                    "user_id": self.staff_a.id,
                }
            ],
        )
        self.assertFalse(self._run("2026-06-07"))
        # she comes back on 10 June: the follow-up converted, a new rhythm (gaps 30, 30, 41: median 30)
        self._buy(self.member_a, self.feihe["2"], "2026-06-10")
        self.assertFalse(self._run("2026-07-16"))
        self.assertRecordValues(late, [{"outcome": "purchased", "outcome_date": D(2026, 6, 10)}])
        self.assertFalse(late.activity_ids)
        [again] = self._run("2026-07-17")
        self.assertEqual((again.kind, again.moment_date), ("replenish", D(2026, 6, 10)))

    def test_two_purchases_make_no_rhythm(self):
        for day in ("2026-03-01", "2026-03-31"):
            self._buy(self.member_a, self.feihe["2"], day)
        for day in ("2026-05-07", "2026-05-08", "2026-05-20"):
            self.assertFalse(self._run(day))

    def test_purchase_within_the_window_converts(self):
        self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        self._baby(self.member_b, created="2026-06-01", due_date="2026-08-10")
        followups = self._run("2026-08-10")
        followup_a = followups.filtered(lambda f: f.member_id == self.member_a)
        followup_b = followups - followup_a
        followup_a.with_user(self.staff_a).action_reached()
        self._buy(self.member_a, self.feihe["1"], "2026-08-24")  # the 14th day after
        self._buy(self.member_b, self.feihe["1"], "2026-08-25")  # the 15th: too late
        self._run("2026-08-26")
        self.assertRecordValues(
            followup_a | followup_b,
            [
                {"outcome": "purchased", "outcome_date": D(2026, 8, 24)},
                {"outcome": False, "outcome_date": False},
            ],
        )
        # the window is the company's
        self.env.company.chain_member_followup_days = 15
        self._run("2026-08-26")
        self.assertRecordValues(followup_b, [{"outcome": "purchased", "outcome_date": D(2026, 8, 25)}])

    def test_outcome_only_through_the_buttons(self):
        self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        [followup] = self._run("2026-08-10")
        as_staff = followup.with_user(self.staff_a)
        for vals in (
            {"outcome": "purchased"},
            {"outcome_date": "2026-08-11"},
            {"kind": "birthday"},
            {"store_id": self.store_b.id},
            {"member_id": self.member_b.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_staff.write(vals)
        with self.assertRaises(AccessError):
            self.Followup.with_user(self.staff_a).create(
                {"member_id": self.member_a.id, "kind": "due", "moment_date": "2026-08-10"}
            )
        with freeze_time("2026-08-11 09:00:00"):
            as_staff.action_not_reached()
        self.assertRecordValues(followup, [{"outcome": "not_reached", "outcome_date": D(2026, 8, 11)}])
        self.assertFalse(followup.activity_ids, "the activity is done")
        as_staff.write({"note": "电话未接"})
        as_staff.action_purchased()
        self.assertEqual(followup.outcome, "purchased")
        with self.assertRaises(UserError):
            as_staff.action_reached()

    def test_other_store_staff_see_no_followup(self):
        self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        [followup] = self._run("2026-08-10")
        Followup = self.Followup.with_user(self.staff_b)
        self.assertFalse(Followup.search([]))
        self.assertEqual(Followup.search_count([("member_id", "=", self.member_a.id)]), 0)
        self.assertFalse(Followup._read_group([], ["store_id"]))
        with self.assertRaises(AccessError):
            followup.with_user(self.staff_b).read(["outcome"])
        with self.assertRaises(AccessError):
            followup.with_user(self.staff_b).action_reached()
        self.assertFalse(followup.outcome)
        self.assertEqual(self.Followup.with_user(self.staff_a).search([]), followup)
        self.assertEqual(self.Followup.with_user(self.region_manager).search([]), followup)

    def test_follow_up_stays_with_the_store_that_followed_up(self):
        self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        [followup] = self._run("2026-08-10")
        self.member_a.home_store_id = self.store_b
        self.assertEqual(followup.store_id, self.store_a)

    def test_one_followup_per_moment_in_the_database(self):
        baby = self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        self._run("2026-08-10")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.Followup.create(
                {"member_id": self.member_a.id, "baby_id": baby.id, "kind": "due", "moment_date": "2026-08-10"}
            )


@tagged("post_install", "-at_install")
class TestFollowupOverHttp(HttpCase, FollowupCase):
    """The follow-up's outcome through the web client's JSON-RPC, as any client would call it."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_outcome_not_writable_over_rpc(self):
        self._baby(self.member_a, created="2026-06-01", due_date="2026-08-10")
        [followup] = self._run("2026-08-10")
        self.staff_b.password = "staff-b-pass"
        self.authenticate(self.staff_b.login, "staff-b-pass")
        self.assertEqual(self._call("chain.member.followup", "search_read", [], fields=["outcome"]), [])
        self.assertEqual(self._call("chain.member.baby", "search_read", [], fields=["name"]), [])
        self.staff_a.password = "staff-a-pass"
        self.authenticate(self.staff_a.login, "staff-a-pass")
        for method, args in (
            ("write", [[followup.id], {"outcome": "purchased"}]),
            ("_chain_mark_purchased", [[followup.id], "2026-08-10"]),
            ("_chain_set_outcome", [[followup.id], "purchased"]),
        ):
            with self.subTest(method=method), self.assertRaises(JsonRpcException):
                self._call("chain.member.followup", method, *args)
        followup.invalidate_recordset()
        self.assertFalse(followup.outcome)
        self._call("chain.member.followup", "action_reached", [followup.id])
        followup.invalidate_recordset()
        self.assertEqual(followup.outcome, "reached")
