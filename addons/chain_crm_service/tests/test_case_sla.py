from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChainCaseCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02 09:00:00")
class TestCaseSla(ChainCaseCase):
    """Deadlines per category, the first answer, and the escalation: store A's region
    (Shanghai) has a region manager, store B's (Zhejiang) has none."""

    def test_deadlines_from_the_category_at_creation(self):
        case = self._case(user=self.staff_a, category=self.categ_safety)
        self.assertRecordValues(
            case,
            [
                {
                    "chain_opened_date": datetime(2026, 3, 2, 9, 0),
                    "chain_first_answer_deadline": datetime(2026, 3, 2, 10, 0),
                    "chain_resolve_deadline": datetime(2026, 3, 3, 9, 0),
                    "chain_escalation_level": 0,
                    "chain_sla_first_ok": False,
                }
            ],
        )

    def test_a_public_reply_answers_a_note_does_not(self):
        case = self._case(user=self.staff_a, category=self.categ_service)
        case.with_user(self.staff_a).message_post(body="Checking with the supplier", subtype_xmlid="mail.mt_note")
        self.assertFalse(case.chain_first_answer_date)
        with freeze_time("2026-03-02 10:30:00"):
            case.with_user(self.staff_a).message_post(
                body="We replace the tin today", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(case.chain_first_answer_date, datetime(2026, 3, 2, 10, 30))
        self.assertTrue(case.chain_sla_first_ok)  # service: 8 hours

    def test_leaving_the_first_stage_answers(self):
        case = self._case(user=self.staff_a, category=self.categ_safety)
        with freeze_time("2026-03-02 11:00:00"):
            case.with_user(self.staff_a).stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        self.assertEqual(case.chain_first_answer_date, datetime(2026, 3, 2, 11, 0))
        self.assertFalse(case.chain_sla_first_ok)  # safety: 1 hour
        with freeze_time("2026-03-02 20:00:00"):
            case.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertTrue(case.chain_sla_resolve_ok)
        self.assertEqual(case.chain_resolve_hours, 11.0)

    def test_first_answer_breach_goes_to_the_region_manager(self):
        case = self._case(user=self.staff_a, category=self.categ_quality)  # 4 h / 72 h
        answered = self._case(user=self.staff_a, category=self.categ_quality)
        answered.with_user(self.staff_a).message_post(
            body="On it", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        with freeze_time("2026-03-02 12:59:00"):
            self.Ticket._cron_chain_escalate()
        self.assertEqual(case.chain_escalation_level, 0)
        with freeze_time("2026-03-02 13:01:00"):
            self.Ticket._cron_chain_escalate()
        self.assertEqual(case.chain_escalation_level, 1)
        self.assertEqual(list(self._activities(case, self.escalation)), [self.region_manager])
        self.assertEqual(answered.chain_escalation_level, 0)
        self.assertFalse(self._activities(answered, self.escalation))
        self.assertIn("region manager", case.message_ids[0].body)
        # the next run does not escalate it twice
        with freeze_time("2026-03-02 13:16:00"):
            self.Ticket._cron_chain_escalate()
        self.assertEqual(len(self._activities(case, self.escalation)), 1)
        # resolution late: the quality team
        with freeze_time("2026-03-05 09:01:00"):
            self.Ticket._cron_chain_escalate()
        self.assertEqual(case.chain_escalation_level, 2)
        self.assertEqual(
            set(self._activities(case, self.escalation)), {self.region_manager, self.quality, self.quality_2}
        )
        self.assertIn("resolution late", self._activities(case, self.escalation)[self.quality])

    def test_no_region_manager_goes_to_the_quality_team_with_a_note(self):
        case = self._case(user=self.staff_b, store=self.store_b, category=self.categ_quality)
        with freeze_time("2026-03-02 13:01:00"):
            self.Ticket._cron_chain_escalate()
        self.assertEqual(case.chain_escalation_level, 2)
        self.assertEqual(set(self._activities(case, self.escalation)), {self.quality, self.quality_2})
        self.assertIn("has no region manager", case.message_ids[0].body)

    def test_closed_cases_are_not_escalated(self):
        case = self._case(user=self.staff_a, category=self.categ_quality)
        case.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        case.invalidate_recordset()
        with freeze_time("2026-03-09 09:00:00"):
            self.Ticket._cron_chain_escalate()
        self.assertEqual(case.chain_escalation_level, 0)

    def test_safety_case_reaches_the_quality_team_at_once(self):
        case = self._case(user=self.staff_a, category=self.categ_safety)
        self.assertEqual(set(self._activities(case, self.escalation)), {self.quality, self.quality_2})
        quality_case = self._case(user=self.staff_a, category=self.categ_quality)
        self.assertFalse(self._activities(quality_case, self.escalation))
