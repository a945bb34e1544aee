import json
import uuid

from odoo.tests import tagged

from .common import ChainPosMemberCase


@tagged("post_install", "-at_install")
class TestEnrolment(ChainPosMemberCase):
    """A member enrolled at the till with consent, online or with an order synced later."""

    def _vals(self, **kw):
        return {"uuid": str(uuid.uuid4()), "name": "赵敏", "mobile": "137 1111 2222", "consent": True, **kw}

    def test_enrol_with_consent(self):
        answer = self.session_a.with_user(self.cashier_a).chain_member_enroll(self._vals(baby_date="2026-01-15"))
        self.assertTrue(answer["created"])
        member = self.env["chain.member"].browse(answer["member"]["id"])
        self.assertRecordValues(
            member,
            [
                {
                    "name": "赵敏",
                    "mobile": "+8613711112222",
                    "home_store_id": self.store_a.id,
                    "consent": True,
                    "consent_user_id": self.cashier_a.id,
                    "consent_store_id": self.store_a.id,
                }
            ],
        )
        self.assertEqual(answer["member"]["partner_id"], member.partner_id.id)
        if "chain.member.baby" in self.env:
            self.assertEqual(len(self.env["chain.member.baby"].search([("member_id", "=", member.id)])), 1)

    def test_enrol_refused_without_consent_or_with_bad_mobile(self):
        session = self.session_a.with_user(self.cashier_a)
        self.assertIn("consent", session.chain_member_enroll(self._vals(consent=False))["error"])
        self.assertIn(
            "not a mainland China", session.chain_member_enroll(self._vals(mobile="+1 415 555 0100"))["error"]
        )
        self.assertIn("not a valid", session.chain_member_enroll(self._vals(mobile="1234"))["error"])
        self.assertFalse(self.env["chain.member"].search([("name", "=", "赵敏")]))

    def test_same_uuid_or_mobile_gives_the_existing_member(self):
        vals = self._vals()
        session = self.session_a.with_user(self.cashier_a)
        first = session.chain_member_enroll(vals)
        again = session.chain_member_enroll(vals)
        self.assertEqual((again["created"], again["member"]["id"]), (False, first["member"]["id"]))
        # the same mother enrolled meanwhile in store A, now at store B's till: no duplicate, masked
        other = self.session_b.with_user(self.cashier_b).chain_member_enroll(self._vals(name="Zhao"))
        self.assertEqual((other["created"], other["member"]["id"]), (False, first["member"]["id"]))
        self.assertEqual(other["member"]["mobile"], "137****2222")
        self.assertEqual(self.env["chain.member"].search_count([("mobile", "=", "+8613711112222")]), 1)

    def test_offline_enrolment_synced_with_its_order(self):
        """Enrolled offline at store B while store A enrolled the same mobile: the order attaches to A's member."""
        online = self.session_a.with_user(self.cashier_a).chain_member_enroll(self._vals())
        enrol = json.dumps(self._vals(name="Zhao (offline)"))
        vals = self.order_vals(session=self.session_b, enrol=enrol)
        order = self.sync(vals, user=self.cashier_b)
        member = self.env["chain.member"].browse(online["member"]["id"])
        self.assertEqual(order.partner_id, member.partner_id)
        self.assertEqual(order.chain_points_earned, 100)
        self.assertEqual(member.points_balance, 100)
        # synced twice (the till retried): one order, one member
        self.sync(vals, user=self.cashier_b)
        self.assertEqual(self.env["pos.order"].search_count([("uuid", "=", vals["uuid"])]), 1)
        self.assertEqual(self.env["chain.member"].search_count([("mobile", "=", "+8613711112222")]), 1)

    def test_offline_enrolment_of_a_new_member(self):
        enrol = self._vals(mobile="13500000009")
        order = self.sync(self.order_vals(enrol=json.dumps(enrol)))
        member = self.env["chain.member"].search([("mobile", "=", "+8613500000009")])
        self.assertEqual(order.partner_id, member.partner_id)
        self.assertTrue(member.consent)
        self.assertEqual(member.points_balance, 100)
