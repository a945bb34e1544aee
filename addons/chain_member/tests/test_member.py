from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMember(ChainMemberCase):
    def test_enrolment_normalizes_the_mobile_and_numbers_the_member(self):
        self.assertRecordValues(
            self.member_a | self.member_b,
            [
                {"mobile": "+8613812345678", "state": "active", "home_store_id": self.store_a.id},
                {"mobile": "+8613900001111", "state": "active", "home_store_id": self.store_b.id},
            ],
        )
        self.assertTrue(self.member_a.code.startswith("M"))
        self.assertNotEqual(self.member_a.code, self.member_b.code)
        self.assertEqual(self.member_a.partner_id.name, "王小红")
        self.assertFalse(self.member_a.partner_id.mobile, "the mobile stays on the member, under its store rules")
        self.member_a.with_user(self.staff_a).write({"mobile": "0086 138-1234-0000", "name": "王晓红"})
        self.assertEqual(self.member_a.partner_id.name, "王晓红")
        self.assertEqual(self.member_a.mobile, "+8613812340000")

    def test_foreign_or_invalid_mobile_refused(self):
        Member = self.env["chain.member"].with_user(self.staff_a)
        with self.assertRaisesRegex(ValidationError, r"\+86"):
            Member.create({"name": "Foreign (test)", "mobile": "+1 415 555 0100", "home_store_id": self.store_a.id})
        with self.assertRaisesRegex(ValidationError, "11 digits"):
            Member.create({"name": "Short (test)", "mobile": "138 1234", "home_store_id": self.store_a.id})
        with self.assertRaisesRegex(ValidationError, "needs a mobile"):
            Member.create({"name": "None (test)", "home_store_id": self.store_a.id})
        with self.assertRaisesRegex(ValidationError, r"\+86"):
            self.member_a.with_user(self.staff_a).mobile = "+44 7700 900123"

    def test_mobile_unique_per_company(self):
        # staff of store A are told even when the number is a member's of store B
        with self.assertRaisesRegex(ValidationError, self.member_b.code):
            self.env["chain.member"].with_user(self.staff_a).create(
                {"name": "Duplicate (test)", "mobile": "139 0000 1111", "home_store_id": self.store_a.id}
            )
        with self.assertRaisesRegex(ValidationError, "already"):
            self.member_a.mobile = "13900001111"
        # the database keeps the promise for every writer
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE chain_member SET mobile = %s WHERE id = %s", [self.member_b.mobile, self.member_a.id]
            )
        other = self.env["res.company"].create({"name": "Other chain (test)"})
        twin = self.env["chain.member"].create({"name": "Twin (test)", "mobile": "13812345678", "company_id": other.id})
        self.assertEqual(twin.mobile, self.member_a.mobile)

    def test_guarded_fields_refused_outside_their_actions(self):
        for user in (self.staff_a, self.manager_a, self.chain_manager):
            member = self.member_a.with_user(user)
            for vals in (
                {"code": "M-FORGED"},
                {"points_balance": 1000},
                {"tier_id": self.gold.id},
                {"state": "forgotten"},
                {"consent_date": "2026-01-01 00:00:00"},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    member.write(vals)
        with self.assertRaises(AccessError):
            self.env["chain.member"].with_user(self.staff_a).create(
                {
                    "name": "Forged (test)",
                    "mobile": "13700000000",
                    "home_store_id": self.store_a.id,
                    "tier_id": self.gold.id,
                }
            )

    def test_consent_recorded_and_withdrawn(self):
        self.staff_a.chain_store_id = self.store_a
        member = self.member_a.with_user(self.staff_a)
        self.assertFalse(member.consent)
        member.action_record_consent()
        self.assertRecordValues(
            self.member_a,
            [{"consent": True, "consent_user_id": self.staff_a.id, "consent_store_id": self.store_a.id}],
        )
        self.assertTrue(self.member_a.consent_date)
        member.action_withdraw_consent()
        self.assertFalse(self.member_a.consent)
        self.assertTrue(self.member_a.consent_withdrawn_date)
        self.assertTrue(self.member_a.consent_date, "the record of the consent given stays")
        blacklist = self.env["phone.blacklist"].with_context(active_test=False)
        self.assertTrue(blacklist.search([("number", "=", "+8613812345678"), ("active", "=", True)]))
        member.action_record_consent()
        self.assertFalse(blacklist.search([("number", "=", "+8613812345678"), ("active", "=", True)]))

    def test_forget_anonymizes_and_keeps_sales_figures(self):
        self.member_a.identity_ids = [Command.create({"source": "wechat_unionid", "external_id": "o6_forget"})]
        order = self._sale(self.member_a, 120.0)
        with self.assertRaises(AccessError):
            self.member_a.with_user(self.staff_a).action_forget()
        self.member_a.with_user(self.manager_a).action_forget()
        member = self.member_a.with_context(active_test=False)
        self.assertRecordValues(member, [{"state": "forgotten", "mobile": False, "active": False, "consent": False}])
        self.assertFalse(member.identity_ids)
        self.assertNotIn("王", member.partner_id.name)
        self.assertIn(member.code, member.partner_id.name)
        self.assertEqual(order.partner_id, member.partner_id)
        self.assertEqual(order.amount_total, 120.0)
        self.assertEqual(member.points_balance, 120)
        self.assertTrue(
            self.env["phone.blacklist"].search([("number", "=", "+8613812345678")]),
            "the number is kept only on the blacklist, so that no SMS marketing reaches it",
        )
        # the number is free again: the mother may enroll anew
        again = self.env["chain.member"].create(
            {"name": "王小红", "mobile": "13812345678", "home_store_id": self.store_a.id}
        )
        self.assertNotEqual(again, member)
