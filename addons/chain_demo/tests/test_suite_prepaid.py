from odoo.tests import tagged

from odoo.addons.chain_pos_expiry.tests.common import ChainPosExpiryCase


@tagged("post_install", "-at_install")
class TestDepositPickupShelfLife(ChainPosExpiryCase):
    """A formula deposit is picked up under the till's shelf-life rules (chain_member_prepaid and
    chain_pos_expiry installed together): the lot is chosen at pickup, and an expired or
    past-removal lot is refused like any sale, the deposit keeping its units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.env["chain.member"].create(
            {"name": "王小红", "mobile": "138 1234 5678", "home_store_id": cls.store_a.id}
        )
        cls.deposit_product = cls.env.company._chain_deposit_product()

    def _deposit_order(self, lines, partner):
        order = self._order(*lines)
        order["partner_id"] = partner.id
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        order.update(amount_total=total, amount_paid=total)
        if total:
            order["payment_ids"][0][2]["amount"] = total
        else:
            order["payment_ids"] = []
        return order

    def _line_of(self, product, qty, price, **extra):
        line = self._line(product=product, qty=qty)
        line[2].update(price_unit=price, price_subtotal=price * qty, price_subtotal_incl=price * qty, **extra)
        return line

    def _sell_deposit(self, qty):
        line = self._line_of(self.deposit_product, qty, 200.0, chain_deposit_product_id=self.formula.id)
        order, _response = self._sync(self._deposit_order([line], self.member.partner_id))
        self.assertEqual(order.state, "paid")
        return self.env["chain.member.deposit"].search([("pos_order_id", "=", order.id)])

    def _pick_up(self, deposit, qty, lot_name):
        formula = self._line("LOT", qty=qty)  # the formula, lot required
        formula[2].update(price_unit=200.0, price_subtotal=200.0 * qty, price_subtotal_incl=200.0 * qty)
        formula[2]["pack_lot_ids"][0][2]["lot_name"] = lot_name
        formula[2]["chain_deposit_ref"] = deposit.id
        back = self._line_of(self.deposit_product, -qty, 200.0, chain_deposit_ref=deposit.id)
        order, _response = self._sync(self._deposit_order([formula, back], self.member.partner_id))
        return order

    def test_pickup_of_a_fresh_lot_is_recorded_with_its_lot(self):
        deposit = self._sell_deposit(5)
        order = self._pick_up(deposit, 2, "FRESH")
        self.assertEqual(order.state, "paid")
        self.assertEqual(deposit.qty_remaining, 3)
        self.assertEqual(deposit.pickup_ids.lot_id, self.lots["FRESH"])

    def test_pickup_of_an_expired_lot_is_refused_and_the_units_stay(self):
        deposit = self._sell_deposit(5)
        for lot in ("OLD", "LATE"):
            order = self._pick_up(deposit, 2, lot)
            self.assertEqual((order.state, order.chain_expiry_state), ("draft", "refused"), lot)
            deposit.invalidate_recordset()
            self.assertEqual(deposit.qty_remaining, 5, f"a refused pickup ({lot}) takes no unit")
            self.assertFalse(deposit.pickup_ids)
