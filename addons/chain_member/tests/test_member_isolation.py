from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMemberIsolation(ChainMemberCase):
    """A store user of store A reads nothing of store B's members, through every model of this addon.

    Store B's member Li gets a row in every store-scoped model (identity, points,
    tier change, baby, follow-up, a merge, a duplicate pair); store A's staff find
    Li only by her exact mobile number or member code, masked.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["chain.member"]
        cls.member_b2 = Member.create({"name": "李娜", "mobile": "139 0000 2222", "home_store_id": cls.store_b.id})
        cls.member_b3 = Member.create({"name": "李娜3", "mobile": "139 0000 3333", "home_store_id": cls.store_b.id})
        cls.member_b.action_record_consent()
        # Li's second card holds her WeChat id as an openid: a duplicate pair of store B
        cls.env["chain.member.identity"].create(
            {"member_id": cls.member_b2.id, "source": "wechat_openid", "external_id": "oLi"}
        )
        cls.b_rows = {
            "chain.member": cls.member_b | cls.member_b2,
            "chain.member.identity": cls.env["chain.member.identity"].create(
                {"member_id": cls.member_b.id, "source": "wechat_unionid", "external_id": "oLi"}
            ),
            "chain.member.points.line": cls.member_b.sudo()._chain_award_points(80, "award"),
            "chain.member.tier.history": cls.env["chain.member"]._chain_apply_tier_changes(
                [(cls.member_b.id, False, cls.silver.id, 1200.0)], fields.Date.today()
            ),
            "chain.member.baby": cls.env["chain.member.baby"].create(
                {"member_id": cls.member_b.id, "name": "朵朵", "birth_date": "2025-01-05", "health_note": "乳糖不耐"}
            ),
            "chain.member.followup": cls.env["chain.member.followup"].create(
                {"member_id": cls.member_b.id, "kind": "birthday", "moment_date": "2026-01-05"}
            ),
        }
        cls.b_rows["chain.member.merge.log"] = (
            cls.env["chain.member.merge"]
            .create({"member_id": cls.member_b2.id, "removed_member_id": cls.member_b3.id})
            ._chain_merge(cls.member_b2, cls.member_b3, cls.env.user)
        )
        cls.env.flush_all()
        cls.b_rows["chain.member.duplicate"] = cls.env["chain.member.duplicate"].search(
            [("member_id", "in", (cls.member_b | cls.member_b2).ids)]
        )

    def test_every_store_scoped_model_is_covered(self):
        """A new store-scoped model of this addon must be added to the attack below."""
        own = self.env["ir.model.data"].search([("module", "=", "chain_member"), ("model", "=", "ir.model")])
        scoped = {
            model.model
            for model in self.env["ir.model"].browse(own.mapped("res_id"))
            if self.env[model.model]._original_module == "chain_member"  # not the models it extends (pos.order)
            and getattr(self.env[model.model], "_chain_store_field", None)
        }
        self.assertEqual(scoped, set(self.b_rows))
        for model, rows in self.b_rows.items():
            self.assertTrue(rows, f"the fixture has no {model} row of store B")

    def test_store_user_reads_nothing_of_other_stores_members(self):
        for model, rows in self.b_rows.items():
            Model = self.env[model].with_user(self.staff_a)
            with self.subTest(model=model):
                self.assertFalse(Model.search([("id", "in", rows.ids)]))
                self.assertEqual(Model.search_count([("id", "in", rows.ids)]), 0)
                self.assertFalse(set(Model.search([]).ids) & set(rows.ids))
                self.assertEqual(Model._read_group([("id", "in", rows.ids)], [], ["__count"]), [(0,)])
                with self.assertRaises(AccessError):
                    rows.with_user(self.staff_a).read(["display_name"])
                if "member_id" in Model._fields:
                    self.assertFalse(Model.search([("member_id", "=", self.member_b.id)]))
                    self.assertFalse(Model.search([("member_id.mobile", "=", "+8613900001111")]))
        # the store's own staff read them all (the rules are not simply closed)
        for model, rows in self.b_rows.items():
            with self.subTest(model=model, user="staff_b"):
                self.assertEqual(self.env[model].with_user(self.staff_b).search([("id", "in", rows.ids)]), rows)

    def test_found_only_by_exact_mobile_or_code_and_masked(self):
        Member = self.env["chain.member"].with_user(self.staff_a)
        for query in ("13900001111", "+86 139 0000 1111", self.member_b.code):
            with self.subTest(query=query):
                [found] = Member.chain_find_member(query)
                self.assertEqual(
                    (found["id"], found["name"], found["mobile"], found["full"]),
                    (self.member_b.id, "李*", "139****1111", False),
                )
        for query in ("1390000", "李娜", "139****1111", self.member_b.code[:-1]):
            with self.subTest(query=query):
                self.assertEqual(Member.chain_find_member(query), [])
        self.assertFalse(Member.name_search("李娜"))
        self.assertFalse(Member.name_search("13900001111"))
        # nor through the contact, which holds her name: her stores' only
        with self.assertRaises(AccessError):
            self.member_b.partner_id.with_user(self.staff_a).read(["name", "phone", "mobile", "email"])
        self.assertFalse(self.env["res.partner"].with_user(self.staff_a).name_search("李娜"))
