# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import COMPANY_NUMBER, PASSWORD, KingdeeCommon


@tagged("post_install", "-at_install")
class TestSend(KingdeeCommon):
    def test_day_sent_and_accepted(self):
        self._sale(self.day1, self.store_a, 100.0, 13.0, cost=60.0)
        self._sale(self.day1, self.store_b, 50.0, 6.5)
        day = self._day(self.day1)
        day.with_user(self.accountant).action_send()
        self.assertRecordValues(day, [{"state": "accepted", "voucher_number": f"OD{self.day1:%Y%m%d}", "attempts": 1}])
        self.assertEqual(len(self.sim.vouchers), 1)
        voucher = self.sim.vouchers[0]
        self.assertEqual(voucher["company"], COMPANY_NUMBER)
        self.assertEqual(voucher["period"], (self.day1.year, self.day1.month))
        sales = {(e["asstActNumber1"], e["creditAmount"]) for e in voucher["entries"] if e["accountNumber"] == "6001"}
        self.assertEqual(sales, {("KA", 100.0), ("KB", 50.0)}, "sales per store, as EAS's auxiliary item")
        self.assertEqual(len(day.line_ids), len(voucher["entries"]))
        with self.assertRaisesRegex(UserError, "never sent twice"):
            day.with_user(self.accountant).action_send()
        self.assertEqual(len(self.sim.vouchers), 1)

    def test_amounts_tie_out(self):
        """debit = credit, and each Kingdee account carries the day's journal items of its Odoo account."""
        self._sale(self.day1, self.store_a, 99.99, 13.0, cost=33.33, store_b=self.store_b, share=33.33)
        self._sale(self.day1, self.store_b, 10.01, 1.3)
        day = self._day(self.day1)
        day.with_user(self.accountant).action_send()
        self.assertEqual(day.state, "accepted")
        self.assertEqual(day.debit_total, day.credit_total)
        self.assertAlmostEqual(sum(day.line_ids.mapped("debit")), day.debit_total)
        lines = self.env["account.move.line"].search([("date", "=", self.day1), ("company_id", "=", self.company.id),
                                                      ("parent_state", "=", "posted")])  # fmt: skip
        self.assertEqual(day.move_line_count, len(lines))
        for key, number in (("cash", "1001"), ("sales", "6001"), ("cogs", "6401"), ("vat", "2221"), ("stock", "1405")):
            odoo = sum(lines.filtered(lambda line, k=key: line.account_id == self.acc[k]).mapped("balance"))
            sent = sum(line.debit - line.credit for line in day.line_ids if line.kingdee_account == number)
            self.assertAlmostEqual(sent, odoo, places=2, msg=f"account {number}")
        per_store = {line.asst_act_number: line.credit for line in day.line_ids if line.kingdee_account == "6001"}
        self.assertAlmostEqual(per_store["KA"], 33.33)  # 33.33 % of 99.99
        self.assertAlmostEqual(per_store["KB"], 66.66 + 10.01)

    def test_fault_then_fixed_and_sent_again(self):
        """A day sent, a SOAP fault on the next, re-sent after the fix: two vouchers, no duplicate."""
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        self._sale(self.day2, self.store_a, 200.0, 26.0)
        first, second = self._day(self.day1), self._day(self.day2)
        first.with_user(self.accountant).action_send()
        self.sim.fail_next("com.kingdee.bos.BOSException: 期间已结账")
        second.with_user(self.accountant).action_send()
        self.assertRecordValues(second, [{"state": "refused", "attempts": 1}])
        self.assertIn("期间已结账", second.message)
        self.assertEqual(len(self.sim.vouchers), 1)
        second.with_user(self.accountant).action_send()  # fixed in EAS: sent again
        self.assertRecordValues((first | second).sorted("date"), [
            {"state": "accepted", "attempts": 1}, {"state": "accepted", "attempts": 2},
        ])  # fmt: skip
        self.assertEqual(self.sim.voucher_numbers(), [f"OD{self.day1:%Y%m%d}", f"OD{self.day2:%Y%m%d}"])

    def test_uncertain_send_is_not_imported_twice(self):
        """A voucher that went through but whose answer was lost: sent again, EAS's duplicate is the proof."""
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        day = self._day(self.day1)
        day.with_user(self.accountant).action_send()
        # the answer was lost: the log still says "sent"
        day.sudo().state = "sent"
        day.with_user(self.accountant).action_send()
        self.assertEqual(day.state, "accepted")
        self.assertIn("已存在", day.message)
        self.assertEqual(len(self.sim.vouchers), 1)

    def test_session_expires_mid_run(self):
        """The cron sends two days; EAS drops the session after the first: one new login, both accepted."""
        self.sim.session_calls = 1
        self.addCleanup(setattr, self.sim, "session_calls", 0)
        yesterday = self.today - timedelta(days=1)
        self._sale(self.day2, self.store_a, 10.0, 1.3)
        self._sale(yesterday, self.store_b, 20.0, 2.6)
        self._day(self.day2)  # an earlier day not sent yet
        logins = self.sim.logins
        self.env["chain.kingdee.day"]._cron_send()
        days = self.env["chain.kingdee.day"].search([("company_id", "=", self.company.id)], order="date")
        self.assertEqual(days.mapped("state"), ["accepted", "accepted"])
        self.assertEqual(days.mapped("date"), [self.day2, yesterday])
        self.assertEqual(self.sim.logins - logins, 2, "logged in again once")

    def test_cron_goes_on_after_a_fault(self):
        yesterday = self.today - timedelta(days=1)
        self._sale(self.day2, self.store_a, 10.0, 1.3)
        self._sale(yesterday, self.store_b, 20.0, 2.6)
        self._day(self.day2)
        self.sim.fail_next("com.kingdee.bos.BOSException: 系统繁忙")
        self.env["chain.kingdee.day"]._cron_send()
        days = self.env["chain.kingdee.day"].search([("company_id", "=", self.company.id)], order="date")
        self.assertEqual(days.mapped("state"), ["refused", "accepted"])
        self.env["chain.kingdee.day"]._cron_send()  # the next night sends the refused day again
        self.assertEqual(days.mapped("state"), ["accepted", "accepted"])
        self.assertEqual(len(self.sim.vouchers), 2)

    def test_unmapped_account_refused_before_sending(self):
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        move = self._sale(self.day1, self.store_b, 10.0, 1.3)
        move.button_draft()
        move.line_ids.filtered(lambda line: line.account_id == self.acc["vat"]).account_id = self.acc["other"]
        move.action_post()
        day = self._day(self.day1)
        requests = len(self.sim.requests)
        day.with_user(self.accountant).action_send()
        self.assertEqual(day.state, "refused")
        self.assertIn("KD6711 Unmapped Losses", day.message)
        self.assertEqual(len(self.sim.requests), requests, "nothing sent to EAS")
        self.env["chain.kingdee.account.map"].create(
            {"company_id": self.company.id, "account_id": self.acc["other"].id, "kingdee_account": "2221"}
        )
        day.with_user(self.accountant).action_send()
        self.assertEqual(day.state, "accepted")

    def test_kingdee_refusal_keeps_its_message(self):
        """An account EAS does not know: refused with EAS's message, nothing imported."""
        self.env["chain.kingdee.account.map"].search([("account_id", "=", self.acc["vat"].id)]).kingdee_account = "9999"
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        day = self._day(self.day1)
        day.with_user(self.accountant).action_send()
        self.assertEqual(day.state, "refused")
        self.assertIn("科目[9999]不存在", day.message)
        self.assertFalse(self.sim.vouchers)

    def test_bad_password_refused_and_secrets_never_logged(self):
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        day = self._day(self.day1)
        with self.assertLogs(level=logging.DEBUG) as capture:
            logging.getLogger("odoo.addons.chain_account_kingdee").info("capture started")
            day.with_user(self.accountant).action_send()  # a good login: the session id travels
            self.connection.password = "wrong"
            self.env["chain.kingdee.day"]._chain_day(self.company, self.day2, force=True)
            self._sale(self.day2, self.store_a, 1.0, 0.13)
            self.env["chain.kingdee.day"]._cron_send()
        refused = self.env["chain.kingdee.day"].search([("company_id", "=", self.company.id), ("date", "=", self.day2)])
        self.assertEqual(refused.state, "refused")
        self.assertIn("用户名或密码错误", refused.message)
        text = "\n".join(capture.output)
        self.assertTrue(self.sim.session_ids)
        for secret in (PASSWORD, "wrong</password>", *self.sim.session_ids):
            self.assertNotIn(secret, text)
        self.assertNotIn(PASSWORD, refused.message)

    def test_empty_day_is_not_logged(self):
        self.assertFalse(self._day(self.day1))
        self.env["chain.kingdee.day"]._cron_send()
        self.assertFalse(self.env["chain.kingdee.day"].search([("company_id", "=", self.company.id)]))
        self.assertFalse(self.sim.vouchers)


@tagged("post_install", "-at_install")
class TestConfiguration(KingdeeCommon):
    def test_constraints(self):
        Map = self.env["chain.kingdee.account.map"]
        with self.assertRaises(ValidationError):
            Map.create({"company_id": self.company.id, "account_id": self.acc["other"].id, "kingdee_account": "6711",
                        "auxiliary": "store"})  # fmt: skip
        with self.assertRaises(ValidationError):
            Map.create({"company_id": self.company.id, "account_id": self.acc["other"].id, "kingdee_account": "  "})
        with self.assertRaises(ValidationError):
            self.connection.timeout = 0
        with self.assertRaises(ValidationError):
            self.connection.voucher_prefix = "X" * 21
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            Map.create({"company_id": self.company.id, "account_id": self.acc["cash"].id, "kingdee_account": "1002"})

    def test_region_as_auxiliary_item(self):
        mapping = self.env["chain.kingdee.account.map"].search([("account_id", "=", self.acc["sales"].id)])
        mapping.auxiliary = "region"
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        self._sale(self.day1, self.store_b, 50.0, 6.5)
        day = self._day(self.day1)
        day.with_user(self.accountant).action_send()
        sales = day.line_ids.filtered(lambda line: line.kingdee_account == "6001")
        self.assertRecordValues(sales, [{"asst_act_number": "R-E", "asst_act_name": "East", "credit": 150.0}])

    def test_map_same_codes(self):
        Map = self.env["chain.kingdee.account.map"]
        created = Map._chain_map_same_codes(self.company, auxiliary_prefixes=("KD67",))
        other = created.filtered(lambda m: m.account_id == self.acc["other"])
        self.assertRecordValues(other, [{"kingdee_account": "KD6711", "auxiliary": "store", "asst_act_type": "门店"}])
        self.assertNotIn(self.acc["cash"], created.account_id, "mapped accounts are kept")
        self.assertFalse(Map._chain_map_same_codes(self.company), "twice = once")
