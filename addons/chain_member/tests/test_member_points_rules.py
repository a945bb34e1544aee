from odoo import Command
from odoo.tests import tagged

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMemberPointsRules(ChainMemberCase):
    """Points per product category: formula at half rate, gift cards excluded, the rest in full."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.formula = Category.create({"name": "Infant formula (test)", "chain_member_points_factor": 0.5})
        cls.gift = Category.create({"name": "Gift cards (test)", "chain_member_points_factor": 0.0})
        cls.diapers = Category.create({"name": "Diapers (test)"})
        Product = cls.env["product.product"]
        cls.formula_product = Product.create(
            {"name": "Stage 1 formula (test)", "categ_id": cls.formula.id, "available_in_pos": True}
        )
        cls.gift_product = Product.create(
            {"name": "Gift card (test)", "categ_id": cls.gift.id, "available_in_pos": True}
        )
        cls.diaper_product = Product.create(
            {"name": "Diapers M (test)", "categ_id": cls.diapers.id, "available_in_pos": True}
        )

    def _basket_sale(self, member, basket):
        """A paid POS order of ``member`` with one line per ``(product, amount)`` of ``basket``."""
        config = self.config_a
        if not config.current_session_id:
            config.open_ui()
        session = config.current_session_id
        total = sum(amount for _product, amount in basket)
        order = self.env["pos.order"].create(
            {
                "session_id": session.id,
                "partner_id": member.partner_id.id,
                "amount_total": total,
                "amount_tax": 0.0,
                "amount_paid": total,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "qty": 1,
                            "price_unit": amount,
                            "price_subtotal": amount,
                            "price_subtotal_incl": amount,
                        }
                    )
                    for product, amount in basket
                ],
            }
        )
        self.env["pos.payment"].create(
            {"pos_order_id": order.id, "amount": total, "payment_method_id": session.payment_method_ids[:1].id}
        )
        order.action_pos_order_paid()
        return order

    def test_new_category_earns_in_full(self):
        self.assertEqual(self.diapers.chain_member_points_factor, 1.0)

    def test_points_for_hook(self):
        lines = [(self.formula_product, 300.0), (self.gift_product, 200.0), (self.diaper_product, 99.9)]
        self.assertEqual(self.member_a._chain_points_for(lines), 249, "150 + 0 + 99.9, rounded down")
        self.member_a.sudo().tier_id = self.gold  # as the tier review would: points x2
        self.assertEqual(self.member_a._chain_points_for(lines), 499)
        self.env.company.chain_member_points_rate = 0.1
        self.assertEqual(self.member_a._chain_points_for(lines), 49)
        self.assertEqual(self.member_a._chain_points_for([]), 0)
        self.assertEqual(self.member_a._chain_points_for([(self.env["product.product"], 10.0)]), 2)

    def test_pos_order_earns_by_category(self):
        order = self._basket_sale(
            self.member_a, [(self.formula_product, 300.0), (self.gift_product, 200.0), (self.diaper_product, 100.0)]
        )
        award = self.env["chain.member.points.line"].search([("pos_order_id", "=", order.id)])
        self.assertRecordValues(award, [{"kind": "award", "points": 250, "remaining": 250}])
        self.assertEqual(self.member_a.points_balance, 250)

    def test_only_excluded_products_earn_nothing(self):
        order = self._basket_sale(self.member_a, [(self.gift_product, 500.0)])
        self.assertFalse(self.env["chain.member.points.line"].search([("pos_order_id", "=", order.id)]))
        self.assertEqual(self.member_a.points_balance, 0)

    def test_refund_takes_back_the_points_of_the_refunded_lines(self):
        order = self._basket_sale(self.member_a, [(self.formula_product, 300.0), (self.diaper_product, 100.0)])
        self.assertEqual(self.member_a.points_balance, 250)
        formula_line = order.lines.filtered(lambda line: line.product_id == self.formula_product)
        refund = self.env["pos.order"].create(
            {
                "session_id": order.session_id.id,
                "partner_id": order.partner_id.id,
                "amount_total": -300.0,
                "amount_tax": 0.0,
                "amount_paid": -300.0,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": self.formula_product.id,
                            "qty": -1,
                            "price_unit": 300.0,
                            "price_subtotal": -300.0,
                            "price_subtotal_incl": -300.0,
                            "refunded_orderline_id": formula_line.id,
                        }
                    )
                ],
            }
        )
        self.env["pos.payment"].create(
            {
                "pos_order_id": refund.id,
                "amount": -300.0,
                "payment_method_id": order.session_id.payment_method_ids[:1].id,
            }
        )
        refund.action_pos_order_paid()
        reversal = self.env["chain.member.points.line"].search([("pos_order_id", "=", refund.id)])
        self.assertRecordValues(reversal, [{"kind": "reversal", "points": -150}])
        self.assertEqual(self.member_a.points_balance, 100, "the diapers' points stay")
        self.assertLedgerBalanced(self.member_a)
