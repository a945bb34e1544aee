from datetime import timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import VALID_VAT, ChainFapiaoCase


def digital_number(seq, year=None):
    year = year or fields.Date.today().year
    return f"{year % 100:02d}312{seq:015d}"


@tagged("post_install", "-at_install")
class TestFapiaoRegister(ChainFapiaoCase):
    """The accountant's register: numbers, issue, red-letter reversal, the to-do of late invoices."""

    def _to_issue(self, **vals):
        request = self._request(self._sell(), buyer_vat=VALID_VAT, **vals)
        return request.move_id.chain_fapiao_ids.with_user(self.accountant)

    def _issue(self, fapiao, seq=1):
        fapiao.write({"number": digital_number(seq), "issue_date": fields.Date.today()})
        fapiao.action_issue()
        return fapiao

    def test_issue_digital_fapiao(self):
        fapiao = self._issue(self._to_issue())
        self.assertEqual(fapiao.state, "issued")
        self.assertEqual(fapiao.move_id.chain_fapiao_state, "issued")
        self.assertEqual(fapiao.display_number, digital_number(1))
        with self.assertRaises(UserError):
            fapiao.write({"number": digital_number(2)})

    def test_wrong_numbers_refused(self):
        fapiao = self._to_issue()
        for number in (digital_number(1)[:19], digital_number(1) + "0", "2631X000000012345678"):
            with self.assertRaises(ValidationError):
                fapiao.write({"number": number})
        with self.assertRaises(ValidationError):
            fapiao.write({"number": digital_number(1, year=2019), "issue_date": fields.Date.today()})
        with self.assertRaises(UserError):
            fapiao.action_issue()  # no number
        self.assertEqual(fapiao.state, "to_issue")

    def test_paper_fapiao_code_and_number(self):
        fapiao = self._to_issue()
        fapiao.write({"kind": "paper_normal", "code": "3100201130", "number": "00123456"})
        fapiao.action_issue()
        self.assertEqual(fapiao.display_number, "3100201130-00123456")
        other = self._to_issue()
        with self.assertRaises(ValidationError):
            other.write({"kind": "paper_normal", "code": "31002", "number": "00123456"})
        with self.assertRaises(ValidationError):
            other.write({"kind": "paper_normal", "code": "3100201130", "number": "123"})
        # the same number under another code is another fapiao
        other.write({"kind": "paper_normal", "code": "310020113001", "number": "00123456"})

    def test_duplicate_number_refused(self):
        self._issue(self._to_issue(), seq=7)
        other = self._to_issue()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            other.write({"number": digital_number(7)})
            other.flush_recordset()

    def test_amounts_tie_to_invoice(self):
        fapiao = self._to_issue()
        with self.assertRaises(ValidationError):
            fapiao.write({"amount_total": 100.0})
        with self.assertRaises(ValidationError):
            self.env["chain.fapiao"].with_user(self.accountant).create(
                {"move_id": fapiao.move_id.id, "amount_untaxed": 1.0}
            )

    def test_red_letter_reversal(self):
        fapiao = self._to_issue()
        with self.assertRaises(UserError):
            fapiao.action_red_reverse()  # not issued yet
        self._issue(fapiao)
        fapiao.action_red_reverse()
        red = fapiao.red_ids
        self.assertEqual(fapiao.state, "reversed")
        credit_note = red.move_id
        self.assertRecordValues(
            red,
            [
                {
                    "is_red": True,
                    "origin_id": fapiao.id,
                    "state": "to_issue",
                    "amount_untaxed": -100.0,
                    "amount_tax": -13.0,
                    "amount_total": -113.0,
                    "store_id": self.store_a.id,
                }
            ],
        )
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.reversed_entry_id, fapiao.move_id)
        self._issue(red, seq=2)
        with self.assertRaises(UserError):
            red.action_red_reverse()  # a red fapiao is not reversed again
        with self.assertRaises(UserError):
            fapiao.action_red_reverse()

    def test_cancel(self):
        fapiao = self._issue(self._to_issue())
        with self.assertRaises(UserError):
            fapiao.action_cancel()  # an issued digital fapiao is red-reversed, not cancelled
        pending = self._to_issue()
        pending.action_cancel()
        self.assertEqual(pending.state, "cancel")

    def test_store_staff_cannot_manage(self):
        fapiao = self._to_issue()
        as_staff = fapiao.with_user(self.staff_a)
        with self.assertRaises(AccessError):
            as_staff.write({"number": digital_number(3)})
        for method in ("action_issue", "action_cancel", "action_red_reverse"):
            with self.assertRaises(AccessError):
                getattr(as_staff, method)()
        with self.assertRaises(AccessError):
            fapiao.write({"state": "issued"})  # the accountant too goes through the button

    def test_todo_cron_once_per_invoice(self):
        late = self._to_issue().move_id
        issued = self._issue(self._to_issue(), seq=5).move_id
        self.company.chain_fapiao_todo_days = 7
        Move = self.env["account.move"]
        self.assertFalse(Move.with_user(self.accountant).action_chain_fapiao_todo()["domain"][0][2])
        with freeze_time(fields.Date.today() + timedelta(days=8)):
            ids = Move.with_user(self.accountant).action_chain_fapiao_todo()["domain"][0][2]
            self.assertIn(late.id, ids)
            self.assertNotIn(issued.id, ids)
            Move._cron_chain_fapiao_todo()
            Move._cron_chain_fapiao_todo()
        activities = self.env["mail.activity"].search([("res_model", "=", "account.move"), ("res_id", "=", late.id)])
        self.assertEqual(len(activities), 1)
        self.assertFalse(
            self.env["mail.activity"].search([("res_model", "=", "account.move"), ("res_id", "=", issued.id)])
        )
        with self.assertRaises(AccessError):
            Move.with_user(self.staff_a).action_chain_fapiao_todo()
