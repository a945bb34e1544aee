from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestServiceCard(ChainDepositCase):
    """Service count cards (次卡): sold at the till into a liability, used visit by visit."""

    def test_sell_card(self):
        card = self.sell_card()
        self.assertRecordValues(
            card,
            [
                {
                    "member_id": self.member_a.id,
                    "card_product_id": self.bath_card.id,
                    "service_product_id": self.bath.id,
                    "store_id": self.store_a.id,
                    "store_ids": self.store_a.ids,
                    "uses_total": 3,
                    "uses_left": 3,
                    "price": 100.0,
                    "amount_remaining": 100.0,
                    "valid_until": self.today() + timedelta(days=30),
                    "state": "active",
                }
            ],
        )
        self.assertEqual(self.bath_card.property_account_income_id, self.card_account)

    def test_two_cards_sold_on_one_line(self):
        order = self.sync(self.till_order([(self.bath_card, 2, 100.0)], member=self.member_a))
        cards = self.env["chain.member.service.card"].search([("pos_order_line_id.order_id", "=", order.id)])
        self.assertEqual(len(cards), 2)

    def test_uses_with_the_employee_and_the_rounding_rest_on_the_last(self):
        card = self.sell_card()
        order, use = self.use_card(card, employee=self.employee_a)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.amount_total, 0.0)
        self.assertRecordValues(
            use, [{"uses": 1, "amount": 33.33, "uses_left": 2, "employee_id": self.employee_a.id,
                   "store_id": self.store_a.id}]
        )  # fmt: skip
        self.assertEqual((card.uses_left, card.amount_remaining), (2, 66.67))
        self.use_card(card)
        _order, last = self.use_card(card)
        self.assertEqual(last.amount, 33.34, "the last use takes the rounding rest")
        self.assertEqual((card.uses_left, card.state, card.amount_remaining), (0, "used", 0.0))
        self.assertAlmostEqual(sum(card.use_ids.mapped("amount")), 100.0)
        with self.assertRaisesRegex(UserError, "has 0 uses left"):
            self.use_card(card, price=33.34)

    def test_two_uses_at_once(self):
        card = self.sell_card()
        _order, use = self.use_card(card, uses=2)
        self.assertEqual((use.uses, use.amount, card.uses_left), (2, 66.66, 1))

    def test_wrong_store_refused(self):
        card = self.sell_card()
        with self.assertRaisesRegex(UserError, "not usable in store .*Test Store B"):
            self.use_card(card, session=self.session_b, user=self.cashier_b, employee=self.employee_b)
        self.assertEqual(card.uses_left, 3)

    def test_expired_card_refused(self):
        card = self.sell_card()
        with self.at((card.valid_until + timedelta(days=1)).strftime("%Y-%m-%d 10:00:00")):
            self.env["chain.member.service.card"]._cron_expire()
            self.assertEqual(card.state, "expired")
            with self.assertRaisesRegex(UserError, "expired on"):
                self.use_card(card)
        card.with_user(self.chain_manager).action_forfeit()
        self.assertEqual((card.state, card.uses_left), ("forfeited", 0))
        debit = card.forfeit_move_id.line_ids.filtered(lambda line: line.account_id == self.card_account)
        self.assertEqual(debit.debit, 100.0)

    def test_another_members_card_refused(self):
        card = self.sell_card()
        with self.assertRaisesRegex(UserError, "belongs to another member"):
            self.use_card(card, member=self.member_b)

    def test_forged_price_refused(self):
        card = self.sell_card()
        with self.assertRaisesRegex(UserError, "worth 33.33"):
            self.use_card(card, price=0.0)
        vals = self.use_vals(card)
        vals["lines"][0][2]["product_id"] = self.item.id
        with self.assertRaisesRegex(UserError, "its own service only"):
            self.sync(vals)

    def test_employee_of_another_store_refused(self):
        other = self.env["hr.employee"].create({"name": "Stranger (test)"})
        card = self.sell_card()
        with self.assertRaisesRegex(UserError, "not one of this store's"):
            self.use_card(card, employee=other)

    def test_card_needs_a_member(self):
        with self.assertRaisesRegex(UserError, "attach the member"):
            self.sync(self.till_order([(self.bath_card, 1, 100.0)]))

    def test_card_product_needs_its_service(self):
        with self.assertRaises(ValidationError):
            self.bath_card.product_tmpl_id.chain_card_service_product_id = False

    def test_store_user_of_another_store_cannot_read_nor_write_cards(self):
        card = self.sell_card()
        _order, use = self.use_card(card)
        Card = self.env["chain.member.service.card"]
        self.assertFalse(Card.with_user(self.staff_b).search([("id", "=", card.id)]))
        self.assertFalse(self.env["chain.member.service.card.use"].with_user(self.staff_b).search([]))
        self.assertEqual(self.env["chain.member.service.card.use"].with_user(self.staff_a).search([]), use)
        for user in (self.staff_a, self.staff_b, self.chain_manager):
            with self.assertRaises(AccessError):
                card.with_user(user).write({"uses_left": 3})
        with self.assertRaises(AccessError):
            use.with_user(self.staff_a).write({"uses": 5})

    def test_till_lists_cards_with_next_price_and_where_usable(self):
        card = self.sell_card()
        answer = self.session_b.with_user(self.cashier_b).chain_prepaid_entitlements(self.member_a.id)
        self.assertEqual(
            [(c["id"], c["uses_left"], c["next_price"], c["usable_here"]) for c in answer["cards"]],
            [(card.id, 3, 33.33, False)],
        )
