# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PASSWORD, KingdeeCommon


@tagged("post_install", "-at_install")
class TestSecurity(KingdeeCommon):
    def test_accountant_sends_store_user_cannot(self):
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        day = self._day(self.day1)
        with self.assertRaises(AccessError):
            day.with_user(self.store_user).action_send()
        with self.assertRaises(AccessError):
            day.with_user(self.store_user).read(["state"])
        with self.assertRaises(AccessError):
            self.env["chain.kingdee.day"].with_user(self.store_user).search([])
        with self.assertRaises(AccessError):
            self.connection.with_user(self.store_user).read(["url"])
        with self.assertRaises(AccessError):
            self.env["chain.kingdee.account.map"].with_user(self.store_user).search([])
        self.assertEqual(day.state, "to_send")
        self.assertFalse(self.sim.vouchers)
        day.with_user(self.accountant).action_send()
        self.assertEqual(day.state, "accepted")

    def test_accountant_reads_logs_but_not_settings(self):
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        day = self._day(self.day1)
        day.with_user(self.accountant).action_send()
        self.assertEqual(day.with_user(self.accountant).state, "accepted")
        with self.assertRaises(AccessError):
            day.with_user(self.accountant).write({"state": "refused"})
        with self.assertRaises(AccessError):
            day.line_ids[:1].with_user(self.accountant).write({"debit": 1.0})
        with self.assertRaises(AccessError):
            self.connection.with_user(self.accountant).read(["url"])
        with self.assertRaises(AccessError):
            self.connection.with_user(self.accountant).action_test_connection()
        with self.assertRaises(AccessError):
            self.env["chain.kingdee.account.map"].with_user(self.accountant).create(
                {"company_id": self.company.id, "account_id": self.acc["other"].id, "kingdee_account": "1"}
            )

    def test_manager_settings_password_hidden_from_others(self):
        manager = new_test_user(
            self.env, login="kd_manager", groups="base.group_user,account.group_account_manager",
            company_id=self.company.id, company_ids=[Command.set(self.company.ids)],
        )  # fmt: skip
        self.assertEqual(self.connection.with_user(manager).password, PASSWORD)
        result = self.connection.with_user(manager).action_test_connection()
        self.assertEqual(result["params"]["type"], "success")
        self.assertNotIn("password", self.env["chain.kingdee.connection"].with_user(self.accountant).fields_get())

    def test_other_company_sees_nothing(self):
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        day = self._day(self.day1)
        other = self.setup_other_company()["company"]
        outsider = new_test_user(
            self.env, login="kd_outsider", groups="base.group_user,account.group_account_manager",
            company_id=other.id, company_ids=[Command.set(other.ids)],
        )  # fmt: skip
        self.assertFalse(self.env["chain.kingdee.day"].with_user(outsider).search([("id", "=", day.id)]))
        self.assertFalse(self.env["chain.kingdee.connection"].with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            day.with_user(outsider).action_send()

    def test_send_wizard(self):
        self._sale(self.day1, self.store_a, 100.0, 13.0)
        Wizard = self.env["chain.kingdee.send.wizard"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.store_user).create({"date": self.day1, "company_id": self.company.id})
        wizard = Wizard.with_user(self.accountant).create({"date": self.day1, "company_id": self.company.id})
        action = wizard.action_send()
        day = self.env["chain.kingdee.day"].browse(action["res_id"])
        self.assertRecordValues(day, [{"date": self.day1, "state": "accepted"}])
        empty = Wizard.with_user(self.accountant).create({"date": self.day2, "company_id": self.company.id})
        with self.assertRaisesRegex(UserError, "no posted journal items"):
            empty.action_send()
        self.assertEqual(len(self.sim.vouchers), 1)
