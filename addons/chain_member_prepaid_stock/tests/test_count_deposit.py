from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.chain_member_prepaid.tests.common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestCountDeposit(ChainDepositCase):
    """A stock count shows the store manager the units deposited in the store and not picked up."""

    def test_count_line_shows_deposited_units_to_the_manager(self):
        deposit = self.sell_deposit(qty=12)
        self.pick_up(deposit, 2, session=self.session_b, user=self.cashier_b)
        count = self.env["chain.stock.count"].with_user(self.staff_a).create({"store_id": self.store_a.id})
        count.action_start()
        line = count.line_ids.filtered(lambda line: line.product_id == self.formula)
        self.assertTrue(line)
        self.assertEqual(line.with_user(self.manager_a).chain_deposit_qty, 10.0)
        with self.assertRaises(AccessError):
            line.with_user(self.staff_a).read(["chain_deposit_qty"])
