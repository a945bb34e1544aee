from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PIN, ChainPosExpiryCase


@tagged("post_install", "-at_install")
class TestPosLotRule(ChainPosExpiryCase):
    """The rule at order sync, through ``pos.order.sync_from_ui`` as the till calls it."""

    def test_fresh_lot_is_sold_and_recorded(self):
        order, response = self._sync(self._order(self._line("FRESH")))
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.chain_expiry_state)
        self.assertEqual(order.lines.pack_lot_ids.chain_lot_id, self.lots["FRESH"])
        self.assertFalse(order.lines.chain_expiry_issue)
        self.assertEqual(response["pos.order"][0]["state"], "paid")

    def test_expired_lot_is_refused_and_kept(self):
        order, response = self._sync(self._order(self._line("FRESH"), self._line("OLD")))
        self.assertEqual(len(order), 1, "a refused order is kept, not lost")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.chain_expiry_state, "refused")
        self.assertIn("OLD", order.chain_expiry_message)
        self.assertIn("Expired", order.chain_expiry_message)
        self.assertEqual(order.lines.mapped("chain_expiry_issue"), [False, "expired"])
        self.assertEqual(order.payment_ids.amount, 400.0, "the payment is kept with the order")
        self.assertFalse(order.picking_ids)
        # the till is told: the response carries the refusal
        self.assertEqual(response["pos.order"][0]["chain_expiry_state"], "refused")
        self.assertIn("OLD", response["pos.order"][0]["chain_expiry_message"])
        self.assertTrue(order.activity_ids.filtered(lambda a: a.user_id == self.manager_a))

    def test_removal_date_passed_is_refused(self):
        order, _response = self._sync(self._order(self._line("LATE")))
        self.assertEqual((order.state, order.chain_expiry_state), ("draft", "refused"))
        self.assertEqual(order.lines.chain_expiry_issue, "removal")
        self.assertEqual(order.lines.chain_days_left, 5)

    def test_near_expiry_is_sold_with_days_left(self):
        order, _response = self._sync(self._order(self._line("NEAR")))
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.chain_expiry_state)
        self.assertRecordValues(order.lines, [{"chain_expiry_issue": "near", "chain_days_left": 100}])

    def test_blocked_lot_is_refused_even_with_override(self):
        line = self._line("HELD", override=(self.manager_a, PIN, "other"))
        order, _response = self._sync(self._order(line))
        self.assertEqual((order.state, order.lines.chain_expiry_issue), ("draft", "blocked"))
        self.assertFalse(order.lines.chain_overridden)

    def test_manager_override_lets_the_lot_through(self):
        line = self._line("OLD", override=(self.manager_a, PIN, "date_error"))
        order, _response = self._sync(self._order(line))
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.chain_expiry_state, "overridden")
        self.assertRecordValues(
            order.lines,
            [
                {
                    "chain_expiry_issue": "expired",
                    "chain_overridden": True,
                    "chain_override_user_id": self.manager_a.id,
                    "chain_override_reason": "date_error",
                    "chain_override_token": False,
                }
            ],
        )
        self.assertIn(self.manager_a.name, order.message_ids[:1].body)

    def test_override_needs_the_right_pin_reason_and_store(self):
        bad = {
            "wrong PIN": self._order(self._line("OLD", override=(self.manager_a, "0000", "date_error"))),
            "other store's manager": self._order(self._line("OLD", override=(self.manager_b, "1357", "date_error"))),
            "no reason": self._order(self._line("OLD", override=(self.manager_a, PIN, False))),
        }
        replayed = self._order(self._line("OLD", override=(self.manager_a, PIN, "date_error")))
        replayed["lines"][0][2]["uuid"] = "another-line"  # the token of one line does not open another
        bad["token of another line"] = replayed
        for case, data in bad.items():
            with self.subTest(case):
                order, _response = self._sync(data)
                self.assertEqual((order.state, order.chain_expiry_state), ("draft", "refused"))
                self.assertFalse(order.lines.chain_override_user_id)

    def test_unknown_lot(self):
        unknown, _response = self._sync(self._order(self._line("NEVER-RECEIVED")))
        self.assertEqual(unknown.lines.chain_expiry_issue, "unknown_lot")
        self.assertEqual(unknown.state, "draft")
        # its printed expiry (GS1 AI 17) is checked even though Odoo does not know the lot
        far = fields.Date.today() + timedelta(days=500)
        scanned, _response = self._sync(self._order(self._line("NEW-LOT", scanned=far)))
        self.assertEqual(scanned.state, "paid")
        self.assertEqual(scanned.lines.pack_lot_ids.chain_scanned_expiry, far)
        past = fields.Date.today() - timedelta(days=1)
        expired, _response = self._sync(self._order(self._line("NEW-LOT-2", scanned=past)))
        self.assertEqual(expired.lines.chain_expiry_issue, "expired")
        # within the policy's removal window (7 days before expiry)
        soon = fields.Date.today() + timedelta(days=3)
        late, _response = self._sync(self._order(self._line("NEW-LOT-3", scanned=soon)))
        self.assertEqual(late.lines.chain_expiry_issue, "removal")

    def test_scanned_expiry_earlier_than_recorded_wins(self):
        printed = fields.Date.today() - timedelta(days=2)
        order, _response = self._sync(self._order(self._line("FRESH", scanned=printed)))
        self.assertEqual((order.state, order.lines.chain_expiry_issue), ("draft", "expired"))

    def test_malformed_scanned_expiry_loses_nothing(self):
        order, _response = self._sync(self._order(self._line("GS1-BAD", scanned="2027-02-30")))
        self.assertEqual(len(order), 1)
        self.assertEqual((order.state, order.lines.chain_expiry_issue), ("draft", "unknown_lot"))
        self.assertFalse(order.lines.pack_lot_ids.chain_scanned_expiry)
        self.assertIn("2027-02-30", order.chain_expiry_message)

    def test_missing_lot_is_refused_in_every_mode(self):
        self.config.chain_expiry_mode = "flag"
        order, _response = self._sync(self._order(self._line()))
        self.assertEqual((order.state, order.lines.chain_expiry_issue), ("draft", "missing_lot"))

    def test_flag_mode_accepts_and_flags(self):
        self.config.chain_expiry_mode = "flag"
        order, _response = self._sync(self._order(self._line("OLD")))
        self.assertEqual((order.state, order.chain_expiry_state), ("paid", "flagged"))
        self.assertTrue(order.activity_ids.filtered(lambda a: a.user_id == self.manager_a))

    def test_backdated_order_is_judged_now(self):
        # OLD expired 3 days ago; an order dated a week ago cannot predate its session
        order, _response = self._sync(self._order(self._line("OLD"), date=fields.Datetime.now() - timedelta(days=7)))
        self.assertEqual(order.lines.chain_expiry_issue, "expired")

    def test_redelivery_and_resync_after_override(self):
        data = self._order(self._line("OLD"))
        first, _response = self._sync(data)
        # the answer was lost: the till sends the very same order again
        again, _response = self._sync(data)
        self.assertEqual(first, again, "the same order synced twice is one order")
        self.assertEqual(len(first.lines), 1)
        self.assertEqual(first.state, "draft")
        # the cashier fetches the manager, who allows the lot; the till syncs the order again
        line = data["lines"][0][2]
        line.update(
            chain_override_uid=self.manager_a.id,
            chain_override_reason="lot_error",
            chain_override_token=self._verify_pin(data["uuid"], line, self.manager_a, PIN, "lot_error")["token"],
        )
        order, _response = self._sync(data)
        self.assertEqual(order, first)
        self.assertEqual(len(order.lines.pack_lot_ids), 1)
        self.assertEqual(order.amount_paid, 200.0, "the payment sent twice is counted once")
        self.assertEqual((order.state, order.chain_expiry_state), ("paid", "overridden"))

    def test_back_office_accept_and_cancel(self):
        order, _response = self._sync(self._order(self._line("OLD")))
        with self.assertRaises(UserError):
            order.with_user(self.cashier_a).action_chain_accept_refused()
        with self.assertRaises(AccessError):
            order.with_user(self.manager_b)._chain_accept_refused("date_error")
        order.with_user(self.manager_a)._chain_accept_refused("date_error", "label checked")
        self.assertEqual((order.state, order.chain_expiry_state), ("paid", "overridden"))
        self.assertRecordValues(
            order.lines, [{"chain_override_user_id": self.manager_a.id, "chain_override_note": "label checked"}]
        )
        missing, _response = self._sync(self._order(self._line()))
        with self.assertRaisesRegex(UserError, "never sold"):
            missing.with_user(self.manager_a)._chain_accept_refused("other")
        missing.with_user(self.manager_a).action_chain_cancel_refused()
        self.assertEqual(missing.state, "cancel")

    def test_untracked_products_are_untouched(self):
        order, _response = self._sync(self._order(self._line(product=self.product)))
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.lines.chain_expiry_issue)

    def test_pin_must_be_digits(self):
        for pin in ("12a4", "123", "123456789"):
            with self.subTest(pin=pin), self.assertRaises(ValidationError):
                self.manager_a.sudo().chain_pos_pin = pin
