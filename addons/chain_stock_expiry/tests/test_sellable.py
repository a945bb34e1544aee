from odoo import Command
from odoo.tests import tagged

from .common import ChainExpiryCase


@tagged("post_install", "-at_install")
class TestSellable(ChainExpiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fresh = cls._lot("S-FRESH", 500)
        cls.near = cls._lot("S-NEAR", 100)  # near expiry: still sellable
        cls.removal = cls._lot("S-REMOVAL", 3)  # past removal (7 days), not yet quarantined
        cls.expired = cls._lot("S-EXPIRED", -2)
        cls.blocked = cls._lot("S-BLOCKED", 400)
        cls._put(cls.fresh, cls.shelf_a, 10)
        cls._put(cls.near, cls.shelf_a, 4)
        cls._put(cls.removal, cls.shelf_a, 3)
        cls._put(cls.expired, cls.shelf_a, 2)
        cls._put(cls.blocked, cls.shelf_a, 5)
        cls._put(cls.fresh, cls.quarantine_a, 1)
        cls._put(cls.fresh, cls.shelf_b, 6)
        cls.blocked._chain_block("supplier complaint")

    def test_sellable_excludes_expired_blocked_quarantine(self):
        report = self.env["chain.stock.sellable"].search(
            [("store_id", "=", self.store_a.id), ("product_id", "=", self.formula.id)]
        )
        self.assertRecordValues(
            report,
            [
                {
                    "on_hand_qty": 25,
                    "removal_qty": 5,
                    "blocked_qty": 5,
                    "quarantine_qty": 1,
                    "reserved_qty": 0,
                    "sellable_qty": 14,
                }
            ],
        )
        self.assertEqual(self._sellable(self.store_a), 14)
        self.assertEqual(self._sellable(self.store_b), 6)
        self.assertEqual(self.formula.with_context(chain_store_ids=self.store_a.ids).chain_sellable_qty, 14)
        self.assertEqual(self.formula.with_user(self.staff_a).chain_sellable_qty, 14, "staff sees their store")
        self.assertEqual(self.formula.with_user(self.chain_manager).chain_sellable_qty, 20)
        # Odoo's free quantity agrees (in 18.0 it counted expired and blocked units as free)
        self.assertEqual(self.formula.with_context(warehouse_id=self.wh_a.id).free_qty, 14)
        self.assertEqual(self.formula.with_context(warehouse_id=self.wh_a.id).qty_available, 25)

    def test_reservation_takes_only_sellable_lots_fefo(self):
        customer = self.env.ref("stock.stock_location_customers")
        picking = self._transfer(self.wh_a.out_type_id, self.shelf_a, customer, qty=20, product=self.formula)
        picking.action_confirm()
        picking.action_assign()
        reserved = {line.lot_id.name: line.quantity for line in picking.move_line_ids}
        self.assertEqual(reserved, {"S-NEAR": 4, "S-FRESH": 10}, "FEFO, and nothing past removal or blocked")
        self.assertEqual(self._sellable(self.store_a), 0)
        self.assertEqual(
            self.env["chain.stock.sellable"]
            .search([("store_id", "=", self.store_a.id), ("product_id", "=", self.formula.id)])
            .reserved_qty,
            14,
        )

    def test_unblock_makes_it_sellable_again(self):
        self.blocked._chain_unblock()
        self.assertEqual(self._sellable(self.store_a), 19)
        self.assertFalse(self.blocked.chain_block_reason)

    def test_store_user_sees_only_own_sellable_rows(self):
        rows = self.env["chain.stock.sellable"].with_user(self.staff_b).search([("product_id", "=", self.formula.id)])
        self.assertEqual(rows.store_id, self.store_b)

    def test_only_expiry_managers_block(self):
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.fresh.with_user(self.manager_a)._chain_block("I do not like it")
        self.manager_a.groups_id = [Command.link(self.env.ref("chain_stock_expiry.group_chain_expiry_manager").id)]
        self.fresh.with_user(self.manager_a)._chain_block("damaged cans")
        self.assertTrue(self.fresh.chain_blocked)
        self.assertEqual(self.fresh.chain_blocked_by_id, self.manager_a)
