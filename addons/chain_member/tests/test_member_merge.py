import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMemberMerge(ChainMemberCase):
    """Wang (store A) enrolled twice: as member A and as "Wang bis" (A2, store A); Li of store B.

    - A's contact carries A2's mobile in its phone (same contact phone);
    - A has WeChat unionid ``oWang``, A2 has it recorded as an openid (same identity);
    - Zhou (store A) and Zhou bis (store B) share name and baby's birth date (same baby, two stores).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["chain.member"]
        cls.member_a2 = Member.create({"name": "王小红2", "mobile": "137 1111 2222", "home_store_id": cls.store_a.id})
        cls.member_a.partner_id.phone = "+86 137-1111-2222"
        Identity = cls.env["chain.member.identity"]
        Identity.create({"member_id": cls.member_a.id, "source": "wechat_unionid", "external_id": "oWang"})
        Identity.create({"member_id": cls.member_a2.id, "source": "wechat_openid", "external_id": "oWang"})
        cls.zhou = Member.create({"name": "周敏", "mobile": "136 0000 1111", "home_store_id": cls.store_a.id})
        cls.zhou_bis = Member.create({"name": "周敏", "mobile": "136 0000 2222", "home_store_id": cls.store_b.id})
        Baby = cls.env["chain.member.baby"]
        for member in cls.zhou | cls.zhou_bis:
            Baby.create({"member_id": member.id, "name": "乐乐", "birth_date": "2025-03-01"})
        cls.manager_b = cls._user("t_manager_b", "chain_store.group_chain_store_manager", cls.store_b)

    def _pairs(self, user=None):
        Duplicate = self.env["chain.member.duplicate"]
        Duplicate = Duplicate.with_user(user) if user else Duplicate
        return {
            (row.member_id.id, row.other_member_id.id): (row.same_contact_phone, row.same_identity, row.same_baby)
            for row in Duplicate.search([])
        }

    def _merge(self, kept, removed, user):
        wizard = (
            self.env["chain.member.merge"]
            .with_user(user)
            .create({"member_id": kept.id, "removed_member_id": removed.id})
        )
        return wizard.action_merge()

    def test_duplicates_found_by_each_rule(self):
        self.env.flush_all()
        self.assertEqual(
            self._pairs(),
            {
                (self.member_a.id, self.member_a2.id): (True, True, False),
                (self.zhou.id, self.zhou_bis.id): (False, False, True),
            },
        )

    def test_store_staff_see_only_pairs_of_their_stores(self):
        self.env.flush_all()
        self.assertEqual(list(self._pairs(self.staff_a)), [(self.member_a.id, self.member_a2.id)])
        self.assertEqual(self._pairs(self.staff_b), {}, "Zhou of store A is not theirs")
        self.assertEqual(len(self._pairs(self.chain_manager)), 2)

    def test_merge_moves_everything_onto_the_kept_member(self):
        with freeze_time("2026-04-01 10:00:00"):
            kept_order = self._sale(self.member_a, 600.0)
            removed_order = self._sale(self.member_a2, 500.0)
            self.member_a2.sudo()._chain_award_points(40, "adjust", reason="Welcome gift")
            self.env["chain.member.identity"].create(
                {"member_id": self.member_a2.id, "source": "youzan_open_id", "external_id": "yz-wang"}
            )
            self.env["chain.member.identity"].create(
                {"member_id": self.member_a2.id, "source": "wechat_unionid", "external_id": "oWang2"}
            )
            baby = self.env["chain.member.baby"].create({"member_id": self.member_a2.id, "birth_date": "2026-01-05"})
            removed_lines = self.member_a2.points_line_ids
            self.assertEqual(self.member_a.points_balance + self.member_a2.points_balance, 1140)
            self._merge(self.member_a, self.member_a2, self.manager_a)
        kept, removed = self.member_a, self.member_a2.with_context(active_test=False)
        (kept | removed).invalidate_recordset()
        self.assertRecordValues(
            removed,
            [{"state": "merged", "active": False, "merged_into_id": kept.id, "mobile": False, "points_balance": 0}],
        )
        self.assertEqual(kept.points_balance, 1140, "the two ledgers, whole")
        self.assertLedgerBalanced(kept)
        self.assertEqual(removed_lines.member_id, kept)
        self.assertEqual(baby.member_id, kept)
        self.assertEqual(removed_order.partner_id, kept.partner_id)
        self.assertEqual(kept_order.partner_id, kept.partner_id)
        self.assertEqual(
            sorted(kept.identity_ids.mapped(lambda i: (i.source, i.external_id))),
            [("wechat_openid", "oWang"), ("wechat_unionid", "oWang"), ("youzan_open_id", "yz-wang")],
            "the removed member's unionid is dropped: the kept member has one",
        )
        self.assertFalse(self.env["chain.member.identity"].search([("external_id", "=", "oWang2")]))
        self.assertEqual(kept.tier_id, self.silver, "1,100 spent together: reviewed at once")
        log = self.env["chain.member.merge.log"].search([("member_id", "=", kept.id)])
        self.assertRecordValues(
            log,
            [
                {
                    "user_id": self.manager_a.id,
                    "removed_member_id": removed.id,
                    "removed_code": removed.code,
                    "removed_mobile": "+8613711112222",
                    "moved_orders": 1,
                }
            ],
        )
        self.assertGreaterEqual(log.moved_rows, 5, "2 ledger rows, 2 identities, 1 baby at least")
        self.assertIn("oWang2", log.details)
        for member in kept | removed:
            self.assertIn("merged into member", member.message_ids[0].body)
        # the number is free: the mother may give it again, and the pair is gone
        self.env.flush_all()
        self.assertNotIn((kept.id, removed.id), self._pairs())
        kept.mobile = "137 1111 2222"

    def test_merge_check_refusal_leaves_both_intact(self):
        self._award(self.member_a2, 25)
        forgotten = self.env["chain.member"].create({"name": "Gone (test)", "mobile": "135 0000 0001"})
        forgotten.with_user(self.chain_manager).action_forget()
        for removed, message in (
            (self.member_a, "into itself"),
            (forgotten.with_context(active_test=False), "not active"),
        ):
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self._merge(self.member_a, removed, self.chain_manager)
        other_company = self.env["res.company"].create({"name": "Other chain (test)"})
        twin = self.env["chain.member"].create(
            {"name": "Twin (test)", "mobile": "135 0000 0002", "company_id": other_company.id}
        )
        with self.assertRaisesRegex(UserError, "different companies"):
            self.member_a.sudo()._chain_merge_check(twin)
        self.assertRecordValues(self.member_a2, [{"state": "active", "active": True, "points_balance": 25}])
        self.assertEqual(self.member_a2.identity_ids.external_id, "oWang")
        self.assertFalse(self.env["chain.member.merge.log"].search([]))

    def test_only_managers_of_both_members_merge(self):
        with self.assertRaises(AccessError):
            self._merge(self.member_a, self.member_a2, self.staff_a)
        with self.assertRaises(AccessError):
            self._merge(self.member_a, self.member_a2, self.manager_b)  # another store's manager
        with self.assertRaises(AccessError):
            self._merge(self.zhou, self.zhou_bis, self.manager_a)  # Zhou bis is of store B
        with self.assertRaises(AccessError):
            self._merge(self.zhou_bis, self.zhou, self.manager_b)
        self.assertEqual((self.zhou | self.zhou_bis | self.member_a2).mapped("state"), ["active"] * 3)
        self._merge(self.zhou, self.zhou_bis, self.chain_manager)
        self.assertEqual(self.zhou_bis.with_context(active_test=False).state, "merged")
        self.assertEqual(self.zhou.baby_ids.mapped("birth_date"), [datetime.date(2025, 3, 1)] * 2)

    def test_merged_state_and_link_not_writable_over_rpc(self):
        for user in (self.staff_a, self.manager_a, self.chain_manager):
            for vals in ({"state": "merged"}, {"merged_into_id": self.member_a.id}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    self.member_a2.with_user(user).write(vals)
        self.assertRecordValues(self.member_a2, [{"state": "active", "merged_into_id": False}])

    def test_store_staff_export_masked_mobiles(self):
        # the export right is Odoo's own group; the mask is what this addon adds
        (self.staff_a | self.manager_a).write({"groups_id": [Command.link(self.env.ref("base.group_allow_export").id)]})
        fields = ["code", "mobile"]
        staff_rows = self.member_a.with_user(self.staff_a).export_data(fields)["datas"]
        self.assertEqual(staff_rows, [[self.member_a.code, "138****5678"]])
        manager_rows = self.member_a.with_user(self.manager_a).export_data(fields)["datas"]
        self.assertEqual(manager_rows, [[self.member_a.code, "+8613812345678"]])
        line = self._award(self.member_a, 10)
        through = line.with_user(self.staff_a).export_data(["points", "member_id/mobile"])["datas"]
        self.assertEqual(through, [[10, "138****5678"]])
        self._merge(self.member_a, self.member_a2, self.manager_a)
        log = self.env["chain.member.merge.log"].search([("member_id", "=", self.member_a.id)])
        self.assertEqual(log.with_user(self.staff_a).export_data(["removed_mobile"])["datas"], [["137****2222"]])
        self.assertEqual(log.with_user(self.manager_a).export_data(["removed_mobile"])["datas"], [["+8613711112222"]])
