from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainPosMemberCase


@tagged("post_install", "-at_install")
class TestMemberContactAtTheTill(ChainPosMemberCase):
    """Store A's cashier cannot read the contact of store B's member (chain_member's contact rule),
    yet serves her when she walks in: looked up masked, attached, redeeming, paid, synced, reopened."""

    def test_other_store_member_served_without_reading_her_contact(self):
        contact_b = self.member_b.partner_id
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.cashier_a).browse(contact_b.id).read(["name"])
        session = self.session_a.with_user(self.cashier_a)
        [found] = session.chain_member_lookup("139 0000 1111")
        self.assertFalse(found["full"])
        partner = found["partner"]
        self.assertEqual((partner["id"], partner["name"]), (contact_b.id, "李*"))
        self.assertFalse(partner.get("mobile") or partner.get("phone") or partner.get("email"))
        self.assertIn("property_product_pricelist", partner, "the till prices her order")
        # she proves her presence, redeems, pays: the order syncs as store A's cashier
        grant = self.prove(self.member_b, 200)
        order = self.sync(self.order_vals(partner=contact_b, redeem=(200, grant["token"])))
        self.assertEqual((order.state, order.partner_id), ("paid", contact_b))
        self.assertEqual(order.chain_points_earned, 98, "points earned on the 98 CNY paid")
        self.assertEqual(self.member_b.points_balance, 500 - 200 + 98)
        self.assertEqual(self.card(self.member_b).points, self.member_b.points_balance)
        self.assertLedgerBalanced(self.member_b)
        # store A's staff open the order afterwards: the customer's name shows (the web client's
        # display names), her contact stays closed
        as_cashier = order.with_user(self.cashier_a)
        [vals] = as_cashier.web_read({"partner_id": {"fields": {"display_name": {}}}, "chain_points_earned": {}})
        self.assertEqual(vals["partner_id"]["id"], contact_b.id)
        self.assertEqual(vals["chain_points_earned"], 98)
        receipt = as_cashier.read(["chain_points_earned", "chain_points_balance", "partner_id"], load=False)
        self.assertEqual(receipt[0]["chain_points_balance"], 398)
        # the till reloading the order gets her contact from its session, masked
        [loaded] = session.chain_member_order_partners([order.id])
        self.assertEqual((loaded["id"], loaded["name"], loaded["mobile"]), (contact_b.id, "李*", False))

    def test_invoiced_order_of_other_store_member(self):
        vals = dict(self.order_vals(partner=self.member_b.partner_id), to_invoice=True)
        order = self.sync(vals)
        self.assertEqual(order.state, "invoiced")
        self.assertEqual(order.account_move.partner_id, self.member_b.partner_id)

    def test_order_partners_only_of_own_orders_and_members(self):
        order_b = self.sync(self.order_vals(session=self.session_b, partner=self.member_b.partner_id), self.cashier_b)
        own = self.sync(self.order_vals(partner=self.member_a.partner_id))
        other = self.sync(self.order_vals(partner=self.supplier))
        session = self.session_a.with_user(self.cashier_a)
        self.assertEqual(session.chain_member_order_partners([order_b.id, own.id, other.id]), [])
        self.assertEqual(session.chain_member_order_partners("1,2"), [])
