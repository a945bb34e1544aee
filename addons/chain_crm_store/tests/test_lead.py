from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TODAY, ChainCrmLeadCase


@tagged("post_install", "-at_install")
class TestLead(ChainCrmLeadCase):
    def test_due_date_in_the_past_or_too_far_refused(self):
        with freeze_time(TODAY):
            Lead = self.env["crm.lead"].with_user(self.guide_a1)
            with self.assertRaisesRegex(ValidationError, "in the past"):
                Lead.create(self._lead_vals("Ms Past", "13911110000", self.store_a, chain_due_date=date(2026, 12, 6)))
            with self.assertRaisesRegex(ValidationError, "more than 300 days"):
                Lead.create(self._lead_vals("Ms Far", "13911110001", self.store_a, chain_due_date=date(2028, 12, 7)))
            with self.assertRaisesRegex(ValidationError, "in the past"):
                self.lead_a1.with_user(self.guide_a1).write({"chain_due_date": date(2025, 1, 1)})
            lead = Lead.create(
                self._lead_vals("Ms Due", "13911110002", self.store_a, self.guide_a1, chain_due_date=date(2027, 9, 1))
            )
            self.assertEqual(lead.chain_due_date, date(2027, 9, 1))

    def test_due_date_refusal_is_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["chain_crm_store"], ["zh_CN"], overwrite=True)
        with freeze_time(TODAY), self.assertRaises(ValidationError) as caught:
            self.env["crm.lead"].with_context(lang="zh_CN").create(
                self._lead_vals("Ms Past", "13911110000", self.store_a, chain_due_date=date(2026, 12, 6))
            )
        self.assertIn("预产期", str(caught.exception))

    def test_an_old_due_date_does_not_block_other_changes(self):
        with freeze_time(TODAY):
            lead = self.env["crm.lead"].create(
                self._lead_vals("Ms Old", "13911110003", self.store_a, chain_due_date=date(2027, 1, 10))
            )
        with freeze_time("2027-02-01"):
            lead.with_user(self.guide_a1).write({"chain_hospital": "Renji", "user_id": self.guide_a1.id})
        self.assertEqual(lead.chain_hospital, "Renji")

    def test_baby_born_cron_moves_open_leads_on_their_due_date(self):
        born = self.env.ref("chain_crm_store.stage_born")
        won = self.env["crm.stage"].create({"name": "Won (test)", "is_won": True})
        with freeze_time(TODAY):
            due, later, done = self.env["crm.lead"].create(
                [
                    self._lead_vals("Ms Due", "13911110010", self.store_a, chain_due_date=date(2027, 1, 10)),
                    self._lead_vals("Ms Later", "13911110011", self.store_a, chain_due_date=date(2027, 1, 11)),
                    self._lead_vals("Ms Won", "13911110012", self.store_a, chain_due_date=date(2027, 1, 5)),
                ]
            )
        done.stage_id = won
        Lead = self.env["crm.lead"]
        with freeze_time("2027-01-09 20:00:00"):
            self.assertFalse(set(Lead._cron_chain_baby_born()) & set((due | later).ids))
        with freeze_time("2027-01-10 01:00:00"):
            moved = Lead._cron_chain_baby_born()
        self.assertIn(due.id, moved)
        self.assertNotIn(later.id, moved)
        self.assertNotIn(done.id, moved)
        self.assertEqual(due.stage_id, born)
        self.assertNotEqual(later.stage_id, born)
        self.assertEqual(done.stage_id, won)
        with freeze_time("2027-01-10 02:00:00"):
            self.assertFalse(set(Lead._cron_chain_baby_born()) & set(due.ids), "moved once")

    def test_first_purchase_date_set_by_the_nightly_job(self):
        config = self._pos_config(self.store_a)
        with freeze_time("2026-12-07 02:00:00"):
            member = self.env["chain.member"].create({"name": "Ms Wang", "mobile": "13800138000"})
            before = self._pos_order(config, amount=50)
            before.partner_id = member.partner_id
            before.action_pos_order_paid()
        with freeze_time("2026-12-08 02:00:00"):
            self.lead_a1.action_chain_convert()
        self.assertEqual(self.lead_a1.chain_member_id, member)
        self.env["crm.lead"]._cron_chain_first_purchase()
        self.assertFalse(self.lead_a1.chain_first_purchase_date, "an order before the conversion does not count")
        with freeze_time("2026-12-10 17:30:00"):  # 01:30 on the 11th in Shanghai
            order = self._pos_order(config, amount=80)
            order.partner_id = member.partner_id
            order.action_pos_order_paid()
        with freeze_time("2026-12-12 02:00:00"):
            order2 = self._pos_order(config, amount=20)
            order2.partner_id = member.partner_id
            order2.action_pos_order_paid()
        self.assertEqual(order.date_order, datetime(2026, 12, 10, 17, 30))
        self.env["crm.lead"]._cron_chain_first_purchase()
        self.assertEqual(self.lead_a1.chain_first_purchase_date, date(2026, 12, 11))
