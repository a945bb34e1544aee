from odoo.tests import HttpCase, tagged

from .common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestDepositTour(HttpCase, ChainDepositCase):
    """The cashier's path in a real browser (headless Chromium): sell 12 cans as a deposit to a
    member, then pick up 2 of them and use her bath card once (served by the bath nurse)."""

    def test_sell_pick_up_use(self):
        card = self.sell_card()
        url = f"/pos/ui?config_id={self.config_a.id}"
        self.start_tour(url, "chain_deposit_tour", login="t_cashier_a", timeout=180)

        deposit = self.env["chain.member.deposit"].search([("member_id", "=", self.member_a.id)])
        self.assertRecordValues(
            deposit,
            [{"product_id": self.formula.id, "qty_deposited": 12, "unit_price": 300.0, "qty_picked_up": 2,
              "qty_remaining": 10, "store_id": self.store_a.id}],
        )  # fmt: skip
        self.assertEqual(deposit.pickup_ids.store_id, self.store_a)
        self.assertEqual(self.stock(self.formula, self.store_a), 8, "the 2 cans picked up left the store")
        self.assertEqual((card.uses_left, card.use_ids.employee_id), (2, self.employee_a))
        self.assertEqual(card.use_ids.amount, 33.33)
