import base64
import io
from datetime import date, timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.chain_store.tests.common import ChainStoreCase


@tagged("post_install", "-at_install")
class TestEventImport(ChainStoreCase):
    """Attendees of a prenatal class and channel followers imported from a spreadsheet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.chain_crm_form_consent_text = "Consent signed on paper at the event."
        cls.event_a = cls.env["chain.crm.event"].create(
            {
                "name": "Prenatal class, spring",
                "kind": "prenatal_class",
                "chain_store_id": cls.store_a.id,
                "hospital": "Maternity Hospital",
            }
        )
        cls.event_b = cls.env["chain.crm.event"].create(
            {"name": "Hospital day B", "kind": "hospital", "chain_store_id": cls.store_b.id}
        )
        cls.member = cls.env["chain.member"].create(
            {"name": "Zhou Min (member)", "mobile": "13900000099", "home_store_id": cls.store_b.id}
        )
        cls.open_lead_b = cls.env["crm.lead"].create(
            {"name": "Known lead", "mobile": "13900000088", "chain_store_id": cls.store_b.id, "chain_consent": True}
        )
        cls.due = date.today() + timedelta(days=100)
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)

    def _rows(self):
        due = self.due.isoformat()
        return [
            ["姓名", "手机号", "预产期", "医院", "同意", "推荐人"],
            ["Wang Xiaohong", "138 1234 5678", due, "First Hospital", "是", ""],
            ["Li Mei", 13812340001, self.due, "", "yes", self.member.code],
            ["", "13812340002", due, "", "是", ""],  # no name
            ["Bad Mobile", "12345", due, "", "是", ""],
            ["Past Due", "13812340003", "2020-01-01", "", "是", ""],
            ["No Consent", "13812340004", due, "", "", ""],
            ["Twice", "13812345678", due, "", "是", ""],  # same mobile as row 2
            ["Member", "139 0000 0099", due, "", "是", ""],
            ["Known", "13900000088", due, "", "是", ""],
            ["Bad Referrer", "13812340005", due, "", "是", "NOSUCHCODE"],
            [None, None, None, None, None, None],  # blank: skipped
            ["Bad Date", "13812340006", "next spring", "", "是", ""],
        ]

    def _csv(self, rows):
        text = "\n".join(",".join("" if cell is None else str(cell) for cell in row) for row in rows)
        return base64.b64encode(text.encode("utf-8-sig"))

    def _xlsx(self, rows):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return base64.b64encode(buffer.getvalue())

    def _import(self, user, file, filename="attendees.csv", event=None, store=None, source="event"):
        event = self.event_a if event is None else event
        wizard = (
            self.env["chain.crm.lead.import"]
            .with_user(user)
            .create(
                {
                    "store_id": (store or event.chain_store_id).id,
                    "event_id": event.id if event else False,
                    "source_kind": source,
                    "file": file,
                    "filename": filename,
                }
            )
        )
        wizard.action_import()
        return wizard

    def _check_result(self, wizard):
        outcomes = {line.row: (line.outcome, line.reason or "") for line in wizard.line_ids}
        self.assertEqual(outcomes[2][0], "created")
        self.assertEqual(outcomes[3][0], "created")
        self.assertIn("name is missing", outcomes[4][1])
        self.assertIn("not a valid mobile", outcomes[5][1])
        self.assertIn("in the past", outcomes[6][1])
        self.assertIn("No consent", outcomes[7][1])
        self.assertIn("row 2", outcomes[8][1])
        self.assertEqual(outcomes[9][0], "linked_member")
        self.assertEqual(outcomes[10][0], "linked_lead")
        self.assertIn("NOSUCHCODE", outcomes[11][1])
        self.assertNotIn(12, outcomes, "a blank row is skipped")
        self.assertIn("not a date", outcomes[13][1])
        self.assertEqual((wizard.created_count, wizard.linked_count, wizard.error_count), (2, 2, 7))
        created = self.Lead.search([("chain_event_id", "=", self.event_a.id)], order="id")
        self.assertRecordValues(
            created,
            [
                {
                    "contact_name": "Wang Xiaohong",
                    "chain_mobile": "+8613812345678",
                    "chain_store_id": self.store_a.id,
                    "chain_source_kind": "event",
                    "chain_consent": True,
                    "chain_consent_text": "Consent signed on paper at the event.",
                    "chain_hospital": "First Hospital",
                    "chain_due_date": self.due,
                    "chain_referrer_member_id": False,
                },
                {
                    "contact_name": "Li Mei",
                    "chain_mobile": "+8613812340001",
                    "chain_store_id": self.store_a.id,
                    "chain_source_kind": "event",
                    "chain_consent": True,
                    "chain_consent_text": "Consent signed on paper at the event.",
                    "chain_hospital": False,
                    "chain_due_date": self.due,
                    "chain_referrer_member_id": self.member.id,
                },
            ],
        )
        self.assertTrue(all(created.mapped("chain_consent_date")))
        self.assertEqual(self.event_a.attendee_member_ids, self.member)
        self.assertEqual(self.event_a.attendee_lead_ids, self.open_lead_b)
        self.assertEqual((self.event_a.lead_count, self.event_a.attendee_count), (2, 4))
        self.assertEqual(len(self.Lead.search([("chain_mobile", "=", "+8613900000088")])), 1, "not re-created")

    def test_csv_with_good_and_bad_rows(self):
        wizard = self._import(self.staff_a, self._csv(self._rows()))
        self.assertEqual(wizard.state, "done")
        self._check_result(wizard)

    def test_xlsx_with_good_and_bad_rows(self):
        wizard = self._import(self.staff_a, self._xlsx(self._rows()), filename="attendees.xlsx")
        self._check_result(wizard)

    def test_gb18030_csv_and_english_headers(self):
        rows = [
            ["Name", "Mobile", "Due Date", "Hospital", "Consent"],
            ["王小红", "13812345678", self.due, "妇幼", "同意"],
        ]
        text = "\n".join(",".join(str(cell) for cell in row) for row in rows)
        wizard = self._import(self.staff_a, base64.b64encode(text.encode("gb18030")))
        self.assertEqual(wizard.line_ids.mapped("outcome"), ["created"])
        self.assertEqual(wizard.line_ids.lead_id.contact_name, "王小红")

    def test_importing_twice_creates_nothing_new(self):
        self._import(self.staff_a, self._csv(self._rows()))
        second = self._import(self.staff_a, self._csv(self._rows()))
        self.assertEqual(second.created_count, 0)
        self.assertEqual(second.linked_count, 4)
        self.assertEqual(self.event_a.lead_count, 2)

    def test_channel_followers(self):
        rows = [["name", "mobile", "due date", "consent"], ["Follower", "13812347777", "", "yes"]]
        wizard = self._import(self.staff_a, self._csv(rows), event=self.env["chain.crm.event"], store=self.store_a,
                              source="channel")  # fmt: skip
        self.assertRecordValues(
            wizard.line_ids.lead_id,
            [{"chain_source_kind": "channel", "chain_store_id": self.store_a.id, "chain_event_id": False}],
        )

    def test_unreadable_files_are_refused_with_a_message(self):
        for data, message in (
            (b"", "Choose a spreadsheet"),
            (b"PK\x03\x04garbage", "not a readable Excel"),
            (b"\xff\xfe\x00\x00\x00", "neither an Excel workbook nor a CSV"),
            (b"foo,bar\n1,2", "no column"),
        ):
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self._import(self.staff_a, base64.b64encode(data))
        self.assertFalse(self.event_a.lead_ids)

    def test_isolation_of_events(self):
        Event = self.env["chain.crm.event"]
        self.assertEqual(Event.with_user(self.staff_b).search([]), self.event_b)
        self.assertEqual(Event.with_user(self.staff_a).search([]), self.event_a)
        self.assertEqual(Event.with_user(self.chain_manager).search([]), self.event_a | self.event_b)
        with self.assertRaises(AccessError):
            self.event_a.with_user(self.staff_b).read(["name"])
        with self.assertRaises(AccessError):
            self.event_a.with_user(self.staff_b).action_chain_import_attendees()
        # the wizard refuses another store's event or store, whatever the client sends
        with self.assertRaises(AccessError):
            self._import(self.staff_b, self._csv(self._rows()))
        with self.assertRaises(AccessError):
            self._import(self.staff_b, self._csv(self._rows()), event=self.event_b, store=self.store_a)
        with self.assertRaisesRegex(UserError, "not of the chosen store"):
            self._import(self.chain_manager, self._csv(self._rows()), event=self.event_b, store=self.store_a)
        self.assertFalse(self.Lead.search([("chain_store_id", "=", self.store_a.id)]))
        # the staff of store A do not read the store B lead their import linked to the event
        self._import(self.staff_a, self._csv(self._rows()))
        self.env.invalidate_all()
        self.assertFalse(self.event_a.with_user(self.staff_a).attendee_lead_ids)
        self.env.invalidate_all()
        self.assertEqual(self.event_a.attendee_lead_ids, self.open_lead_b)

    def test_event_actions_of_the_store_staff(self):
        action = self.event_a.with_user(self.staff_a).action_chain_import_attendees()
        self.assertEqual(action["context"]["default_event_id"], self.event_a.id)
        leads = self.event_a.with_user(self.staff_a).action_chain_open_leads()
        self.assertIn(("chain_event_id", "=", self.event_a.id), leads["domain"])
