import json

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MemberChannelCommon


@tagged("post_install", "-at_install")
class TestMemberOrders(MemberChannelCommon):
    """Channel orders attach to members by identity, then mobile; never by name."""

    def test_buyer_identity_makes_the_member_the_customer(self):
        self._post(self._order_body("M1", open_id="wx-wang", phone="13700000000"))
        order = self._orders("M1")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.wang.partner_id)
        # the address the buyer gave is the delivery address, flagged as a channel buyer's
        shipping = order.partner_shipping_id
        self.assertNotEqual(shipping, self.wang.partner_id)
        self.assertEqual((shipping.name, shipping.street), ("Li Na", "Pudong 1 Century Ave"))
        self.assertTrue(shipping.chain_channel_buyer)
        self.assertFalse(self.wang.partner_id.chain_channel_buyer, "the member's stores still read the contact")
        self.assertEqual(order.picking_ids.partner_id, shipping)

    def test_buyer_mobile_attaches_when_no_identity(self):
        self._post(self._order_body("M2", open_id="wx-unknown", phone="+86 139-0000-1111"))
        self.assertEqual(self._orders("M2").partner_id, self.li.partner_id)
        # the account's mobile comes before the phone given with the address
        self._post(self._order_body("M3", mobile="13900001111", phone="13700000000"))
        self.assertEqual(self._orders("M3").partner_id, self.li.partner_id)

    def test_identity_wins_over_another_members_mobile(self):
        self._post(self._order_body("M4", open_id="wx-wang", phone="13900001111"))
        self.assertEqual(self._orders("M4").partner_id, self.wang.partner_id)

    def test_never_by_name_and_no_enrolment(self):
        members_before = self.env["chain.member"].search_count([])
        for order_id, phone in (("N1", "13700000000"), ("N2", "+1 415 555 0100"), ("N3", "")):
            self._post(self._order_body(order_id, phone=phone, name=self.wang.name))
            order = self._orders(order_id)
            self.assertEqual(order.state, "sale", order_id)
            self.assertNotIn(order.partner_id, (self.wang | self.li).partner_id, order_id)
            self.assertTrue(order.partner_id.chain_channel_buyer, order_id)
        self.assertEqual(self.env["chain.member"].search_count([]), members_before, "nobody enrolled")

    def test_forgotten_member_is_not_matched(self):
        self.li.write({"state": "forgotten", "mobile": False, "active": False})
        self._post(self._order_body("F1", phone="13900001111"))
        order = self._orders("F1")
        self.assertNotEqual(order.partner_id, self.li.partner_id)

    def test_a_batch_attaches_each_order_to_its_member(self):
        buyers = ({"open_id": "wx-wang"}, {"phone": "13900001111"}, {"phone": "13700000000"}, {"open_id": "wx-wang"})
        messages = [self._order_message(f"B{i}", **buyer) for i, buyer in enumerate(buyers)]
        self._post(json.dumps({"messages": messages}).encode())
        self.assertEqual(self._orders("B0").partner_id, self.wang.partner_id)
        self.assertEqual(self._orders("B1").partner_id, self.li.partner_id)
        self.assertNotIn(self._orders("B2").partner_id, (self.wang | self.li).partner_id)
        self.assertEqual(self._orders("B3").partner_id, self.wang.partner_id)
        self.assertEqual(set(self._messages().mapped("state")), {"done"})

    def test_delivery_address_is_read_by_the_shipping_store_only(self):
        self._post(self._order_body("S1", open_id="wx-wang"))
        order = self._orders("S1")
        shipping = order.partner_shipping_id
        self.assertEqual(order.warehouse_id, self.store_b.warehouse_id)
        self.assertEqual(shipping.with_user(self.staff_b).read(["street"])[0]["street"], "Pudong 1 Century Ave")
        with self.assertRaises(AccessError):
            shipping.with_user(self.staff_c).read(["street"])
        # the member's contact (her name) is read by her home store's staff only (chain_member's contact rule)
        with self.assertRaises(AccessError):
            self.wang.partner_id.with_user(self.staff_c).read(["name"])
        self.assertEqual(self.wang.partner_id.with_user(self.staff_a).read(["name"])[0]["name"], self.wang.name)
