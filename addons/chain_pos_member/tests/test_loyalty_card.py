from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChainPosMemberCase


@tagged("post_install", "-at_install")
class TestLoyaltyCard(ChainPosMemberCase):
    """Odoo's loyalty card of each member shows the ledger balance, and only the ledger moves it."""

    def test_card_follows_every_ledger_change(self):
        card = self.card(self.member_a)
        self.assertEqual(len(card), 1)
        self.assertEqual(card.points, 1000)
        self.member_a.sudo().action_adjust_points(-250, "Damaged gift (test)")
        self.assertEqual(card.points, 750)
        self._sale(self.member_a, 120.0)
        self.assertEqual(card.points, self.member_a.points_balance)
        new = self.env["chain.member"].create(
            {"name": "新会员", "mobile": "13600000001", "home_store_id": self.store_a.id}
        )
        self.assertEqual(self.card(new).points, 0, "a new member gets a card at once")

    def test_card_points_not_writable_even_as_superuser(self):
        card = self.card(self.member_a)
        with self.assertRaisesRegex(UserError, "points ledger"):
            card.sudo().write({"points": 99999})
        with self.assertRaises(UserError):
            card.sudo().write({"partner_id": self.member_b.partner_id.id})
        program = card.program_id
        with self.assertRaisesRegex(UserError, "created with the member"):
            self.env["loyalty.card"].sudo().create({"program_id": program.id, "partner_id": self.partner_free().id})
        self.assertEqual(card.points, 1000)

    def test_pos_loyalty_cannot_change_member_card(self):
        card = self.card(self.member_a)
        order = self.sync(self.order_vals(partner=self.member_a.partner_id))
        as_cashier = order.with_user(self.cashier_a)
        with self.assertRaisesRegex(UserError, "points ledger"):
            as_cashier.confirm_coupon_programs({str(card.id): {"points": 5000, "program_id": card.program_id.id}})
        # a card the till made up for the member (no points): dropped, no second card
        as_cashier.confirm_coupon_programs(
            {"-1": {"points": 0, "program_id": card.program_id.id, "partner_id": self.member_a.partner_id.id}}
        )
        self.assertEqual(self.card(self.member_a), card)
        self.assertEqual(card.points, self.member_a.points_balance)

    def partner_free(self):
        return self.env["res.partner"].create({"name": "Not a member (test)"})
