from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMemberAccess(ChainMemberCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Identity = cls.env["chain.member.identity"]
        cls.identity_a = Identity.create(
            {"member_id": cls.member_a.id, "source": "wechat_unionid", "external_id": "oA"}
        )
        cls.identity_b = Identity.create(
            {"member_id": cls.member_b.id, "source": "wechat_unionid", "external_id": "oB"}
        )
        # sudo: the ledger has no writer among the roles
        cls.member_a.sudo()._chain_award_points(10, "award")
        cls.member_b.sudo()._chain_award_points(20, "award")

    def test_store_staff_read_only_their_stores_members(self):
        for model in ("chain.member.identity", "chain.member.points.line", "chain.member.tier.history"):
            with self.subTest(model=model):
                found = self.env[model].with_user(self.staff_a).search([])
                self.assertNotIn(self.member_b.id, found.member_id.ids)
                self.assertFalse(self.env[model].with_user(self.staff_a).search([("member_id", "=", self.member_b.id)]))
        self.assertEqual(self.env["chain.member"].with_user(self.staff_a).search([]), self.member_a)
        self.assertEqual(self.env["chain.member"].with_user(self.staff_b).search([]), self.member_b)
        self.assertEqual(self.env["chain.member.identity"].with_user(self.staff_a).search([]), self.identity_a)
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.staff_a).read(["mobile"])
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.staff_a).write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.env["chain.member"].with_user(self.staff_a).create(
                {"name": "For B (test)", "mobile": "13711112222", "home_store_id": self.store_b.id}
            )
        with self.assertRaises(AccessError):
            self.env["chain.member.identity"].with_user(self.staff_a).create(
                {"member_id": self.member_b.id, "source": "youzan_open_id", "external_id": "yz-b"}
            )
        self.assertEqual(self.env["chain.member"].with_user(self.region_manager).search([]), self.member_a)
        self.assertEqual(
            self.env["chain.member"].with_user(self.chain_manager).search([]), self.member_a | self.member_b
        )

    def test_find_any_member_masked_outside_their_stores(self):
        Member = self.env["chain.member"].with_user(self.staff_a)
        [other] = Member.chain_find_member("139 0000 1111")
        self.assertEqual(
            other,
            {
                "id": self.member_b.id,
                "code": self.member_b.code,
                "name": "李*",
                "mobile": "139****1111",
                "home_store": "Test Store B",
                "tier": "",
                "points_balance": 20,
                "full": False,
            },
        )
        self.assertEqual(Member.chain_find_member(self.member_b.code)[0]["mobile"], "139****1111")
        [own] = Member.chain_find_member("+86 138 1234 5678")
        self.assertEqual((own["name"], own["mobile"], own["full"]), ("王小红", "+8613812345678", True))
        # only an exact number or code finds a member
        self.assertEqual(Member.chain_find_member("1390000"), [])
        self.assertEqual(Member.chain_find_member("李娜"), [])
        self.assertEqual(Member.chain_find_member(""), [])

    def test_identity_unique_per_source(self):
        with self.assertRaisesRegex(ValidationError, self.member_b.code):
            self.env["chain.member.identity"].with_user(self.staff_a).create(
                {"member_id": self.member_a.id, "source": "wechat_unionid", "external_id": "oB"}
            )
        # the same external id on another platform is another identity
        self.env["chain.member.identity"].create(
            {"member_id": self.member_a.id, "source": "youzan_open_id", "external_id": "oB"}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE chain_member_identity SET external_id = 'oB' WHERE id = %s", [self.identity_a.id]
            )
