import json

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.chain_store.tests.common import run_hoot_units

from .common import ChainPosMemberCase


@tagged("post_install", "-at_install")
class TestPosMemberTour(HttpCase, ChainPosMemberCase):
    """The cashier's path in a real browser (headless Chromium): look a member up, attach her,
    redeem points with the one-time code she received, pay; enroll a new member with consent."""

    def test_lookup_redeem_enrol(self):
        if "chain.member.baby" in self.env:
            self.env["chain.member.baby"].create(
                {"member_id": self.member_a.id, "name": "Doudou", "birth_date": "2025-12-01"}
            )
        url = f"/pos/ui?config_id={self.config_a.id}&chain_sms_outbox={self.sms.url}"
        self.start_tour(url, "chain_pos_member_tour", login="t_cashier_a", timeout=180)

        orders = self.env["pos.order"].search([("session_id", "=", self.session_a.id)], order="id")
        self.assertEqual(orders.mapped("state"), ["paid", "paid", "paid", "paid"])
        first, second, third, fourth = orders
        # the points were spent on the ledger, with the SMS proof, once
        self.assertEqual((first.partner_id, first.chain_redeem_points), (self.member_a.partner_id, 500))
        proof = self.env["chain.member.proof"].search([("used_order_id", "=", first.id)])
        self.assertEqual((proof.kind, proof.points, proof.user_id), ("sms", 500, self.cashier_a))
        redeemed = self.env["chain.member.points.line"].search(
            [("member_id", "=", self.member_a.id), ("kind", "=", "redeem")]
        )
        self.assertEqual(redeemed.mapped("points"), [-500])
        self.assertEqual(first.amount_total, 95.0)
        self.assertEqual(self.member_a.points_balance, 1000 - 500 + 95)
        self.assertEqual(self.card(self.member_a).points, self.member_a.points_balance)
        self.assertLedgerBalanced(self.member_a)
        wrong = self.env["chain.member.proof"].search(
            [("member_id", "=", self.member_a.id), ("kind", "=", "wrong_code")]
        )
        self.assertEqual(len(wrong), 1, "the wrong code typed first is on record")
        # the new member, enrolled with consent at store A's till, bought the second order
        new = self.env["chain.member"].search([("mobile", "=", "+8613711112222")])
        self.assertRecordValues(
            new,
            [
                {
                    "name": "赵敏",
                    "home_store_id": self.store_a.id,
                    "consent": True,
                    "consent_user_id": self.cashier_a.id,
                    "consent_store_id": self.store_a.id,
                    "points_balance": 100,
                }
            ],
        )
        self.assertTrue(new.pos_enrol_uuid)
        self.assertEqual(second.partner_id, new.partner_id)
        # enrolled offline: created once, with consent, when the order was synced
        offline = self.env["chain.member"].search([("mobile", "=", "+8613500000009")])
        self.assertEqual(len(offline), 1)
        self.assertEqual((offline.name, offline.consent, offline.points_balance), ("孙丽", True, 100))
        self.assertEqual(third.partner_id, offline.partner_id)
        self.assertEqual(json.loads(third.chain_member_enrol)["uuid"], offline.pos_enrol_uuid)
        # store B's member, served at store A's till without reading her contact
        self.assertEqual(fourth.partner_id, self.member_b.partner_id)
        self.assertEqual(self.member_b.points_balance, 500 + 100)
        with self.assertRaises(AccessError):
            self.member_b.partner_id.with_user(self.cashier_a).read(["name"])
        if "chain.member.baby" in self.env:
            baby = self.env["chain.member.baby"].search([("member_id", "=", new.id)])
            self.assertFalse(baby.birth_date)
            self.assertGreater(baby.due_date, fields.Date.today(), "an expected baby, by its due date")


@tagged("post_install", "-at_install")
class TestPosMemberUnitJs(HttpCase):
    """Hoot unit tests of the till's pure rules (``static/src/utils``), run in the browser."""

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_pos_member")
        self.assertGreaterEqual(len(passed), 4, "every unit test of the addon ran and passed")
