from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TODAY, ChainCrmLeadCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestConversion(ChainCrmLeadCase):
    """Conversion finds the member by the normalized mobile, never by name, with the expected baby."""

    def _lead(self, name, mobile, **extra):
        vals = self._lead_vals(name, mobile, self.store_a, self.guide_a1, **extra)
        return self.env["crm.lead"].with_user(self.guide_a1).create(vals)

    def test_member_found_by_mobile_whatever_the_spelling(self):
        member = self.env["chain.member"].create(
            {"name": "Wang Li", "mobile": "13800138000", "home_store_id": self.store_b.id}
        )
        first = self._lead("王丽", "+86 138 0013 8000", chain_due_date=date(2027, 3, 1))
        second = self._lead("Someone else", False, phone="138 0013 8000", chain_due_date=date(2027, 3, 10))
        (first | second).with_user(self.guide_a1).action_chain_convert()
        self.assertEqual(first.chain_member_id, member)
        self.assertEqual(second.chain_member_id, member)
        self.assertEqual(self.env["chain.member"].search_count([("mobile", "=", "+8613800138000")]), 1)
        # one expected baby: the second due date is within 30 days of the first
        babies = self.env["chain.member.baby"].search([("member_id", "=", member.id)])
        self.assertRecordValues(babies, [{"due_date": date(2027, 3, 1), "birth_date": False}])
        self.assertEqual(first.chain_baby_id, babies)
        self.assertEqual(second.chain_baby_id, babies)
        self.assertEqual(first.stage_id, self.env.ref("chain_crm_store.stage_member"))

    def test_never_by_name(self):
        self.env["chain.member"].create({"name": "Ms Li", "mobile": "13911112222", "home_store_id": self.store_a.id})
        one = self._lead("Ms Li", "13911113333")
        two = self._lead("Ms Li", "13911114444")
        (one | two).action_chain_convert()
        self.assertTrue(one.chain_member_id and two.chain_member_id)
        self.assertNotEqual(one.chain_member_id, two.chain_member_id)
        self.assertEqual(one.chain_member_id.mobile, "+8613911113333")
        self.assertEqual(two.chain_member_id.mobile, "+8613911114444")
        self.assertEqual(self.env["chain.member"].search_count([("name", "=", "Ms Li")]), 3)

    def test_new_member_at_the_lead_store_with_guide_and_baby(self):
        lead = self._lead("Ms Wu", "139 2222 3333", chain_due_date=date(2027, 5, 20))
        lead.with_user(self.guide_a1).action_chain_convert()
        member = lead.chain_member_id
        self.assertRecordValues(
            member,
            [{"name": "Ms Wu", "mobile": "+8613922223333", "home_store_id": self.store_a.id,
              "guide_user_id": self.guide_a1.id, "consent": True}],
        )  # fmt: skip
        self.assertRecordValues(member.baby_ids, [{"due_date": date(2027, 5, 20), "is_born": False}])
        self.assertTrue(lead.chain_converted_date)

    def test_idempotent(self):
        lead = self._lead("Ms Wu", "139 2222 3333", chain_due_date=date(2027, 5, 20))
        lead.action_chain_convert()
        member, converted = lead.chain_member_id, lead.chain_converted_date
        lead.action_chain_convert()
        self.assertEqual(lead.chain_member_id, member)
        self.assertEqual(lead.chain_converted_date, converted)
        self.assertEqual(len(member.baby_ids), 1)
        # a new lead of the same parent: same member, same baby
        again = self._lead("Ms Wu again", "13922223333", chain_due_date=date(2027, 5, 25))
        again.action_chain_convert()
        self.assertEqual(again.chain_member_id, member)
        self.assertEqual(len(member.baby_ids), 1)

    def test_a_baby_due_months_apart_is_another_baby(self):
        member = self.env["chain.member"].create({"name": "Ms Hu", "mobile": "13933334444"})
        self.env["chain.member.baby"].create({"member_id": member.id, "due_date": date(2026, 12, 20)})
        lead = self._lead("Ms Hu", "13933334444", chain_due_date=date(2027, 6, 1))
        lead.action_chain_convert()
        self.assertEqual(len(member.baby_ids), 2)
        self.assertEqual(lead.chain_baby_id.due_date, date(2027, 6, 1))

    def test_consent_required_for_a_new_member(self):
        lead = self._lead("Ms Ma", "13944445555", chain_consent=False)
        with self.assertRaisesRegex(UserError, "consent"):
            lead.action_chain_convert()
        self.assertFalse(self.env["chain.member"].search([("mobile", "=", "+8613944445555")]))
        # an existing member needs no new consent: she is linked
        member = self.env["chain.member"].create({"name": "Ms Ma", "mobile": "13944445555"})
        lead.action_chain_convert()
        self.assertEqual(lead.chain_member_id, member)

    def test_no_mobile_refused(self):
        lead = self._lead("Ms Ding", False)
        with self.assertRaisesRegex(UserError, "mobile"):
            lead.action_chain_convert()

    def test_consent_is_dated(self):
        lead = self._lead("Ms Tang", "13955556666", chain_consent=False)
        self.assertFalse(lead.chain_consent_date)
        lead.chain_consent = True
        self.assertTrue(lead.chain_consent_date)
