from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import ChainMemberCase, ChainMemberHttpCase


@tagged("post_install", "-at_install")  # with every addon's contact rules (chain_channel's) loaded
class TestMemberContactAccess(ChainMemberCase):
    """A member's contact (her name) is read only by her stores' staff and by headquarters (PIPL)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_a = cls.member_a.partner_id
        cls.contact_b = cls.member_b.partner_id
        cls.members = cls.contact_a | cls.contact_b

    def test_store_staff_read_own_stores_members_only(self):
        Partner = self.env["res.partner"].with_user(self.staff_a)
        rows = Partner.search_read([("id", "in", self.members.ids)], ["name"])
        self.assertEqual([row["name"] for row in rows], ["王小红"])
        self.assertFalse(Partner.search([("name", "=", "李娜")]))
        self.assertFalse(Partner.name_search("李娜"))
        self.assertEqual([name for _id, name in Partner.name_search("王小红")], ["王小红"])
        with self.assertRaises(AccessError):
            Partner.browse(self.contact_b.id).read(["name"])
        # and the other way round
        Partner_b = self.env["res.partner"].with_user(self.staff_b)
        self.assertEqual(Partner_b.search([("id", "in", self.members.ids)]), self.contact_b)
        with self.assertRaises(AccessError):
            Partner_b.browse(self.contact_a.id).read(["name"])

    def test_other_contacts_stay_readable(self):
        Partner = self.env["res.partner"].with_user(self.staff_a)
        self.assertEqual(Partner.browse(self.supplier.id).read(["name"])[0]["name"], self.supplier.name)
        self.assertIn(self.supplier, Partner.search([("name", "=", self.supplier.name)]))
        self.assertEqual(Partner.browse(self.staff_b.partner_id.id).read(["name"])[0]["name"], self.staff_b.name)

    def test_member_without_home_store_hidden_from_stores(self):
        homeless = self.env["chain.member"].create({"name": "赵云", "mobile": "13700000001", "home_store_id": False})
        for user in (self.staff_a, self.staff_b, self.manager_a):
            self.assertFalse(self.env["res.partner"].with_user(user).search([("id", "=", homeless.partner_id.id)]))
        self.assertTrue(self.env["res.partner"].with_user(self.chain_manager).search([("name", "=", "赵云")]))

    def test_forgotten_member_contact_stays_her_stores(self):
        self.member_b.with_user(self.chain_manager).action_forget()
        self.assertFalse(self.member_b.active)
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.with_user(self.staff_a).search([("id", "=", self.contact_b.id)]))
        self.assertTrue(Partner.with_user(self.staff_b).search([("id", "=", self.contact_b.id)]))

    def test_chain_manager_and_other_users_read_all(self):
        rows = self.env["res.partner"].with_user(self.chain_manager).search_read([("id", "in", self.members.ids)])
        self.assertEqual(len(rows), 2)
        accountant = new_test_user(self.env, login="t_office", groups="base.group_user")
        self.assertEqual(len(self.env["res.partner"].with_user(accountant).search([("id", "in", self.members.ids)])), 2)


@tagged("post_install", "-at_install")
class TestMemberContactOverHttp(ChainMemberHttpCase):
    """The same over the web client's JSON-RPC: no other store's member's name leaves the server."""

    def test_members_contacts_of_other_stores_refused(self):
        members = (self.member_a | self.member_b).partner_id
        rows = self._call("res.partner", "search_read", [("id", "in", members.ids)], fields=["name"])
        self.assertEqual([row["name"] for row in rows], ["王小红"])
        self.assertEqual(self._call("res.partner", "name_search", "李娜"), [])
        with self.assertRaises(JsonRpcException) as caught:
            self._call("res.partner", "read", [self.member_b.partner_id.id], ["name"])
        self.assertIn("AccessError", str(caught.exception))
        [supplier] = self._call("res.partner", "read", [self.supplier.id], ["name"])
        self.assertEqual(supplier["name"], self.supplier.name)
