from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestDeposit(ChainDepositCase):
    """Formula deposits (奶粉寄存): sold at the till into a liability, picked up in any store."""

    def test_sell_deposit_creates_entitlement_without_moving_stock(self):
        deposit = self.sell_deposit(qty=12)
        self.assertRecordValues(
            deposit,
            [
                {
                    "member_id": self.member_a.id,
                    "product_id": self.formula.id,
                    "store_id": self.store_a.id,
                    "qty_deposited": 12,
                    "qty_remaining": 12,
                    "unit_price": 300.0,
                    "amount_remaining": 3600.0,
                    "state": "open",
                    "expiry_date": self.today() + relativedelta(months=12),
                }
            ],
        )
        self.assertEqual(deposit.pos_order_id.state, "paid")
        self.assertEqual(self.stock(self.formula, self.store_a), 10, "the units stay the store's stock")
        self.assertEqual(self.deposit_product.property_account_income_id, self.deposit_account)
        self.assertEqual(self.deposit_account.account_type, "liability_current")

    def test_till_limited_to_categories_still_loads_the_deposit_product(self):
        """A chain's tills show only their categories: the deposit lines' product comes all the same."""
        category = self.env["pos.category"].create({"name": "Formula (test)"})
        config = self._pos_config(self.store_a)
        config.write({"limit_categories": True, "iface_available_categ_ids": [(6, 0, category.ids)]})
        config.open_ui()
        data = config.current_session_id.with_user(self.cashier_a).load_data([])
        loaded = {product["id"] for product in data["product.product"]["data"]}
        self.assertIn(self.deposit_product.id, loaded, "the till can sell a deposit")
        self.assertNotIn(self.bath.id, loaded, "the limit still holds for the products of the list")

    def test_expiry_rule_is_the_company_setting(self):
        self.env.company.chain_deposit_expiry_months = 6
        deposit = self.sell_deposit(qty=1)
        self.assertEqual(deposit.expiry_date, self.today() + relativedelta(months=6))

    def test_deposit_needs_a_member(self):
        line = (self.deposit_product, 2, 300.0, {"chain_deposit_product_id": self.formula.id})
        with self.assertRaisesRegex(UserError, "attach the member"):
            self.sync(self.till_order([line]))
        self.assertFalse(self.env["chain.member.deposit"].search([]))

    def test_deposit_line_must_name_its_product(self):
        with self.assertRaisesRegex(UserError, "which product"):
            self.sync(self.till_order([(self.deposit_product, 2, 300.0)], member=self.member_a))

    def test_pickup_in_another_store(self):
        deposit = self.sell_deposit(qty=12)
        order, pickup = self.pick_up(deposit, 2, session=self.session_b, user=self.cashier_b)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.amount_total, 0.0)
        self.assertRecordValues(
            pickup, [{"qty": 2, "amount": 600.0, "store_id": self.store_b.id, "employee_id": self.employee_b.id}]
        )
        self.assertEqual((deposit.qty_picked_up, deposit.qty_remaining, deposit.state), (2, 10, "open"))
        self.assertEqual(self.stock(self.formula, self.store_b), 5, "the units leave the pickup store")
        self.assertEqual(self.stock(self.formula, self.store_a), 10)
        formula_line = order.lines.filtered(lambda line: line.product_id == self.formula)
        self.assertEqual(formula_line.price_subtotal_incl, 600.0, "revenue of the formula recognised at pickup")

    def test_last_units_picked_up_close_the_deposit(self):
        deposit = self.sell_deposit(qty=3)
        self.pick_up(deposit, 3)
        self.assertEqual((deposit.qty_remaining, deposit.amount_remaining, deposit.state), (0, 0, "done"))

    def test_pickup_more_than_left_refused(self):
        deposit = self.sell_deposit(qty=3)
        self.pick_up(deposit, 2)
        with self.assertRaisesRegex(UserError, "has 1.0 units of .* left"):
            self.pick_up(deposit, 2)
        self.assertEqual(len(deposit.pickup_ids), 1, "nothing recorded")

    def test_pickup_out_of_stock_in_this_store_refused(self):
        deposit = self.sell_deposit(qty=12)
        with self.assertRaisesRegex(UserError, "out of stock in this store"):
            self.pick_up(deposit, 8, session=self.session_b, user=self.cashier_b)
        self.assertFalse(deposit.pickup_ids)
        self.assertEqual(self.stock(self.formula, self.store_b), 7)

    def test_expired_deposit_refused_and_marked_by_the_job(self):
        deposit = self.sell_deposit(qty=4)
        later = deposit.expiry_date + relativedelta(days=1)
        with self.at(later.strftime("%Y-%m-%d 10:00:00")):
            self.env["chain.member.deposit"]._cron_expire()
            self.assertEqual(deposit.state, "expired")
            with self.assertRaisesRegex(UserError, "expired on"):
                self.pick_up(deposit, 1)
        self.assertEqual(deposit.amount_remaining, 1200.0, "the liability stays until a manager decides")

    def test_manager_forfeits_expired_deposit_into_income(self):
        deposit = self.sell_deposit(qty=4)
        self.pick_up(deposit, 1)
        with self.at((deposit.expiry_date + relativedelta(days=1)).strftime("%Y-%m-%d 10:00:00")):
            self.env["chain.member.deposit"]._cron_expire()
        with self.assertRaises(UserError):
            deposit.with_user(self.manager_a).action_forfeit()
        deposit.with_user(self.chain_manager).action_forfeit()
        self.assertEqual((deposit.state, deposit.qty_forfeited, deposit.amount_remaining), ("forfeited", 3, 0.0))
        move = deposit.forfeit_move_id
        self.assertEqual(move.state, "posted")
        debit = move.line_ids.filtered(lambda line: line.account_id == self.deposit_account)
        self.assertEqual(debit.debit, 900.0)
        self.assertEqual(move.line_ids.filtered("credit").account_id.account_type, "income_other")

    def test_manager_extends_expired_deposit(self):
        deposit = self.sell_deposit(qty=4)
        when = deposit.expiry_date + relativedelta(days=1)
        with self.at(when.strftime("%Y-%m-%d 10:00:00")):
            self.env["chain.member.deposit"]._cron_expire()
            deposit.with_user(self.chain_manager).action_extend(months=2)
            self.assertEqual((deposit.state, deposit.expiry_date), ("open", when + relativedelta(months=2)))
            self.pick_up(deposit, 1)
        self.assertEqual(deposit.qty_remaining, 3)

    def test_refund_of_deposit_sale_gives_back_what_is_left(self):
        deposit = self.sell_deposit(qty=4)
        self.pick_up(deposit, 1)
        sold_line = deposit.pos_order_line_id
        refund = (self.deposit_product, -3, 300.0, {"refunded_orderline_id": sold_line.id})
        self.sync(self.till_order([refund], member=self.member_a))
        self.assertEqual((deposit.qty_refunded, deposit.qty_remaining, deposit.state), (3, 0, "done"))
        with self.assertRaisesRegex(UserError, "cannot be refunded"):
            self.sync(self.till_order([(*refund[:3], {"refunded_orderline_id": sold_line.id})], member=self.member_a))

    # -- forged pickups ---------------------------------------------------------------
    def test_forged_pickup_at_price_zero_refused(self):
        deposit = self.sell_deposit(qty=12)
        with self.assertRaisesRegex(UserError, "must be 2.0 units at 300.0"):
            self.pick_up(deposit, 2, price=0.0)
        self.assertFalse(deposit.pickup_ids)

    def test_forged_pickup_unbalanced_refused(self):
        deposit = self.sell_deposit(qty=12)
        vals = self.pickup_vals(deposit, 2)
        vals["lines"][1][2].update(qty=-1, price_subtotal=-300.0, price_subtotal_incl=-300.0)
        with self.assertRaisesRegex(UserError, "balanced by the deposit line"):
            self.sync(vals)

    def test_forged_pickup_of_another_members_deposit_refused(self):
        deposit = self.sell_deposit(member=self.member_b, qty=12, session=self.session_b, user=self.cashier_b)
        with self.assertRaisesRegex(UserError, "belongs to another member"):
            self.pick_up(deposit, 1, member=self.member_a)
        with self.assertRaisesRegex(UserError, "attach the member"):
            self.sync(dict(self.pickup_vals(deposit, 1), partner_id=False))

    def test_forged_pickup_of_another_product_refused(self):
        deposit = self.sell_deposit(qty=12)
        vals = self.till_order(
            [(self.item, 1, 300.0, {"chain_deposit_ref": deposit.id}),
             (self.deposit_product, -1, 300.0, {"chain_deposit_ref": deposit.id})],
            member=self.member_a,
        )  # fmt: skip
        with self.assertRaisesRegex(UserError, "with its own product only"):
            self.sync(vals)

    def test_unknown_deposit_refused(self):
        deposit = self.sell_deposit(qty=1)
        vals = self.pickup_vals(deposit, 1)
        for line in vals["lines"]:
            line[2]["chain_deposit_ref"] = deposit.id + 1000
        with self.assertRaisesRegex(UserError, "does not exist"):
            self.sync(vals)

    # -- store isolation ---------------------------------------------------------------
    def test_store_user_of_another_store_cannot_read_nor_write_deposits(self):
        deposit = self.sell_deposit(qty=12)
        Deposit = self.env["chain.member.deposit"]
        self.assertFalse(Deposit.with_user(self.staff_b).search([("id", "=", deposit.id)]))
        with self.assertRaises(AccessError):
            deposit.with_user(self.staff_b).read(["qty_remaining"])
        self.assertTrue(Deposit.with_user(self.staff_a).search([("id", "=", deposit.id)]))
        for user in (self.staff_a, self.manager_a, self.staff_b):
            with self.assertRaises(AccessError):
                deposit.with_user(user).write({"qty_picked_up": 0})
        with self.assertRaises(AccessError):
            deposit.with_user(self.chain_manager).write({"qty_picked_up": 0, "state": "open"})
        with self.assertRaises(AccessError):
            Deposit.with_user(self.staff_a).create(
                {"member_id": self.member_a.id, "product_id": self.formula.id, "company_id": self.env.company.id,
                 "store_id": self.store_a.id, "expiry_date": "2099-01-01", "unit_price": 1, "qty_deposited": 99}
            )  # fmt: skip
        with self.assertRaises(AccessError):
            deposit.with_user(self.chain_manager).write({"expiry_date": "2099-01-01"})

    def test_pickup_seen_by_the_selling_store_and_the_pickup_store(self):
        deposit = self.sell_deposit(qty=12)
        _order, pickup = self.pick_up(deposit, 2, session=self.session_b, user=self.cashier_b)
        Pickup = self.env["chain.member.deposit.pickup"]
        for user in (self.staff_a, self.staff_b):
            self.assertEqual(Pickup.with_user(user).search([]), pickup, user.login)
        self.assertEqual(deposit.with_user(self.staff_a).pickup_ids, pickup)
        other = self.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        staff_c = self._user("t_staff_c", "chain_store.group_chain_store_user", other)
        self.assertFalse(Pickup.with_user(staff_c).search([]))

    def test_till_of_any_store_lists_the_members_entitlements(self):
        deposit = self.sell_deposit(qty=12)
        answer = self.session_b.with_user(self.cashier_b).chain_prepaid_entitlements(self.member_a.id)
        self.assertEqual(
            [(d["id"], d["qty_remaining"], d["unit_price"], d["store"]) for d in answer["deposits"]],
            [(deposit.id, 12, 300.0, "Test Store A")],
        )
        self.assertEqual(
            self.session_b.with_user(self.cashier_b).chain_prepaid_entitlements(0), {"deposits": [], "cards": []}
        )
        closed = self.session_b.with_user(self.staff_a)
        with self.assertRaises(AccessError):
            closed.chain_prepaid_entitlements(self.member_a.id)

    # -- reports -------------------------------------------------------------------------
    def test_outstanding_per_store_and_product(self):
        self.sell_deposit(qty=12)
        deposit_b = self.sell_deposit(
            member=self.member_b, qty=5, price=310.0, session=self.session_b, user=self.cashier_b
        )
        self.pick_up(deposit_b, 2, session=self.session_b, user=self.cashier_b)
        outstanding = self.env["chain.member.deposit"]._chain_outstanding()
        self.assertEqual(
            outstanding,
            {(self.store_a, self.formula): (12.0, 3600.0), (self.store_b, self.formula): (3.0, 930.0)},
        )

    def test_pickup_records_the_lot_the_till_chose(self):
        formula = self.env["product.product"].create(
            {"name": "Formula stage 2 (test)", "is_storable": True, "tracking": "lot", "lst_price": 280.0,
             "available_in_pos": True, "taxes_id": [(5, 0, 0)]}
        )  # fmt: skip
        location = self.store_a.warehouse_id.lot_stock_id
        early, late = self.env["stock.lot"].create(
            [{"name": "L-EARLY", "product_id": formula.id}, {"name": "L-LATE", "product_id": formula.id}]
        )
        for lot in (early, late):
            self.env["stock.quant"]._update_available_quantity(formula, location, 5, lot_id=lot)
        line = (self.deposit_product, 3, 280.0, {"chain_deposit_product_id": formula.id})
        order = self.sync(self.till_order([line], member=self.member_a))
        deposit = self.env["chain.member.deposit"].search([("pos_order_id", "=", order.id)])
        _order, pickup = self.pick_up(deposit, 2, lot="L-EARLY")
        self.assertEqual((pickup.lot_id, pickup.qty), (early, 2))
        self.assertEqual(self.env["stock.quant"]._get_available_quantity(formula, location, lot_id=early), 3)
        self.assertEqual(self.env["stock.quant"]._get_available_quantity(formula, location, lot_id=late), 5)
