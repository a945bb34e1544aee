import base64
import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ChainDashboardCase


@tagged("post_install", "-at_install")
class TestDashboardSubscription(ChainDashboardCase):
    def _subscription(self, user, **vals):
        return (
            self.env["chain.dashboard.subscription"]
            .with_user(user)
            .create(
                {
                    "name": "Weekly ranking",
                    "report": "ranking",
                    "scope": "store",
                    "store_id": self.store_a.id,
                    "frequency": "weekly",
                    "partner_ids": [(4, self.member.id)],
                    "email_to": "boss@example.com",
                    "next_date": self.today,
                    **vals,
                }
            )
        )

    def test_cron_emails_the_excel_file(self):
        self.member.email = "li@example.com"
        self.env["chain.dashboard"]._chain_rebuild(self.today - timedelta(days=70), self.today)
        sub = self._subscription(self.manager_a)
        mails = self.env["chain.dashboard.subscription"]._cron_send()
        self.assertEqual(len(mails), 1)
        self.assertIn("boss@example.com", mails.email_to)
        self.assertIn("li@example.com", mails.email_to)
        self.assertEqual(len(mails.attachment_ids), 1)
        self.assertTrue(mails.attachment_ids.name.endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(base64.b64decode(mails.attachment_ids.datas)), read_only=True).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        raw = self._raw(self.store_a, self.today - timedelta(days=7), self.today - timedelta(days=1))
        self.assertEqual([r[1] for r in rows], ["TA01"])
        self.assertAlmostEqual(rows[0][4], raw["sales"], places=2)
        self.assertEqual(sub.next_date, self.today + timedelta(days=7))
        self.assertFalse(self.env["chain.dashboard.subscription"]._cron_send())

    def test_subscription_needs_a_recipient_and_its_store(self):
        with self.assertRaises(ValidationError):
            self._subscription(self.manager_a, partner_ids=False, email_to=False)
        with self.assertRaises(ValidationError):
            self._subscription(self.manager_a, store_id=False)

    def test_subscription_of_another_store_is_refused(self):
        sub = self._subscription(self.manager_a)
        manager_b = self._user("t_dsh_manager_b", "chain_store.group_chain_store_manager", self.store_b)
        with self.assertRaises(AccessError):
            sub.with_user(manager_b).read(["name"])
        self.assertFalse(self.env["chain.dashboard.subscription"].with_user(manager_b).search([]))
