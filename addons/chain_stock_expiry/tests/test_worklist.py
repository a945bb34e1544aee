from odoo import fields
from odoo.tests import tagged

from .common import ChainExpiryCase


@tagged("post_install", "-at_install")
class TestWorklist(ChainExpiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fresh = cls._lot("W-FRESH", 500)
        cls.near = cls._lot("W-NEAR", 200)
        cls.last = cls._lot("W-LAST", 20)
        cls.removal = cls._lot("W-REMOVAL", 4)
        cls._put(cls.fresh, cls.shelf_a, 10)
        cls._put(cls.near, cls.shelf_a, 30)
        cls._put(cls.last, cls.shelf_a, 2)
        cls._put(cls.removal, cls.shelf_b, 1)

    def _rows(self, user=None, domain=()):
        model = self.env["chain.expiry.worklist"]
        if user:
            model = model.with_user(user)
        return model.search([("product_id", "=", self.formula.id), *domain])

    def test_rows_per_stage_with_days_and_value(self):
        rows = self._rows()
        by_lot = {row.lot_id.name: row for row in rows}
        self.assertNotIn("W-FRESH", by_lot)
        self.assertEqual(set(by_lot), {"W-NEAR", "W-LAST", "W-REMOVAL"})
        self.assertRecordValues(
            by_lot["W-NEAR"],
            [{"stage": "near", "days_left": 200, "quantity": 30, "value": 4500.0, "store_id": self.store_a.id}],
        )
        self.assertEqual(by_lot["W-LAST"].stage, "last_sale")
        self.assertEqual(by_lot["W-REMOVAL"].stage, "removal")
        groups = self.env["chain.expiry.worklist"]._read_group(
            [("product_id", "=", self.formula.id)], ["store_id", "stage"], ["value:sum"]
        )
        self.assertIn((self.store_a, "near", 4500.0), groups)

    def test_store_manager_sees_own_store(self):
        self.assertEqual(self._rows(self.manager_a).store_id, self.store_a)
        self.assertEqual(self._rows(self.staff_b).store_id, self.store_b)
        self.assertEqual(self._rows(self.chain_manager).store_id, self.store_a | self.store_b)
        action = self.store_a.with_user(self.manager_a).action_chain_expiry_worklist()
        self.assertEqual(action["domain"], [("store_id", "=", self.store_a.id)])

    def _sell(self, lot, location, qty):
        customer = self.env.ref("stock.stock_location_customers")
        picking = self._transfer(
            self.wh_b.out_type_id if location == self.shelf_b else self.wh_a.out_type_id,
            location,
            customer,
            qty=qty,
            product=self.formula,
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        picking.button_validate()

    def test_suggestions(self):
        # store B sells this formula fast (28 units in 28 days), store A does not
        fast = self._lot("W-B-STOCK", 600)
        self._put(fast, self.shelf_b, 28)
        self._sell(fast, self.shelf_b, 28)
        by_lot = {row.lot_id.name: row for row in self._rows()}
        near = by_lot["W-NEAR"]
        self.assertEqual((near.suggestion, near.suggestion_store_id), ("transfer", self.store_b))
        self.assertEqual(by_lot["W-REMOVAL"].suggestion, "scrap", "no return agreement: write off")
        # a supplier accepting returns changes the advice for what cannot be sold in time
        returns = self.env["chain.shelf.life.policy"].create(
            {
                "name": "Returns OK",
                "categ_id": self.categ_formula.id,
                "partner_id": self.supplier.id,
                "shelf_life_days": 720,
                "near_value": 100 / 3,
                "last_sale_value": 30,
                "removal_value": 7,
                "accepts_returns": True,
            }
        )
        self.removal.chain_policy_id = returns
        self.env.invalidate_all()
        self.assertEqual(self._rows(domain=[("lot_id", "=", self.removal.id)]).suggestion, "return")
        # too much for store B itself (1 a day), and nobody sells faster: mark it down
        glut = self._lot("W-B-GLUT", 40)
        self._put(glut, self.shelf_b, 100)
        self.assertEqual(self._rows(domain=[("lot_id", "=", glut.id)]).suggestion, "markdown")
        small = self._lot("W-B-SMALL", 40)
        self._put(small, self.shelf_b, 10)
        self.assertEqual(self._rows(domain=[("lot_id", "=", small.id)]).suggestion, "sell", "B sells 10 in time")

    def test_daily_digest_one_activity_per_manager(self):
        store_c = self.env["chain.store"].create(
            {"code": "TC01", "name": "Test Store C", "manager_id": self.manager_a.id}
        )
        self._put(self._lot("W-C", 100), store_c.warehouse_id.lot_stock_id, 3)
        self._put(self._lot("W-TODAY", 240), self.shelf_a, 1)  # enters near expiry today
        self.store_b.manager_id = self.chain_manager
        activity_type = self.env.ref("chain_stock_expiry.mail_activity_type_expiry_digest")

        def digests(user):
            return self.env["mail.activity"].search(
                [("activity_type_id", "=", activity_type.id), ("user_id", "=", user.id)]
            )

        Store = self.env["chain.store"]
        Store._chain_cron_expiry_digest()
        activities = digests(self.manager_a)
        self.assertEqual(len(activities), 1, "one activity for the manager of stores A and C")
        self.assertIn("Test Store A", activities.note)
        self.assertIn("Test Store C", activities.note)
        self.assertIn("W-TODAY", activities.note, "a lot that entered near expiry today is listed")
        self.assertNotIn("W-NEAR", activities.note, "lots near expiry for weeks are counted, not listed")
        self.assertEqual(len(digests(self.chain_manager)), 1)
        Store._chain_cron_expiry_digest()
        self.assertEqual(digests(self.manager_a), activities, "the second run updates, never duplicates")
        self.assertEqual(activities.date_deadline, fields.Date.context_today(activities))
