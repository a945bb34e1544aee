from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ChainCommissionCase


@tagged("post_install", "-at_install")
@freeze_time("2026-04-15 04:00:00")  # 12:00 in Shanghai
class TestMyCommission(HttpCase, ChainCommissionCase):
    """ "My commission": a guide's own month to date and past statements, and nobody else's.

    Li Na (``emp_a1``, user ``staff_a``) sold 1,050 in March (target 1,000) and enrolled a member
    on 2 April (20.00 each); March's statement of store A is computed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._seed_march()
        cls.env["chain.commission.target"].create(
            {"month": cls.april, "store_id": cls.store_a.id, "employee_id": cls.emp_a1.id,
             "sales_target": 2000, "members_target": 4}
        )  # fmt: skip
        cls.march_statement = cls.env["chain.commission.statement"].create(
            {"store_id": cls.store_a.id, "month": cls.march}
        )
        cls.march_statement.action_compute()

    def _open(self, user):
        My = self.env["chain.commission.my"].with_user(user)
        action = My.action_open_my_commission()
        return My.browse(action["res_id"])

    def test_own_month_and_past_statements(self):
        screen = self._open(self.staff_a)
        self.assertRecordValues(
            screen,
            [{"employee_id": self.emp_a1.id, "employee_name": "Li Na (A guide)", "store_id": self.store_a.id,
              "month": self.april, "sales": 0.0, "sales_target": 2000.0, "achievement": 0.0,
              "members_enrolled": 1, "members_target": 4, "commission": 0.0, "bonus": 20.0, "total": 20.0}],
        )  # fmt: skip
        march = self.march_statement.line_ids.filtered(lambda line: line.employee_id == self.emp_a1)
        self.assertEqual(march.sales, 1050.0)
        self.assertRecordValues(
            screen.statement_ids,
            [{"month": self.march, "state": "draft", "sales": 1050.0, "achievement": march.achievement,
              "commission": march.commission, "bonus": march.bonus, "total": march.total}],
        )  # fmt: skip
        self.assertTrue(march.total > 0)

    def test_live_month_matches_the_statement(self):
        """In March, the screen shows what March's statement computes for her."""
        with freeze_time("2026-03-31 12:00:00"):
            screen = self._open(self.staff_a)
        march = self.march_statement.line_ids.filtered(lambda line: line.employee_id == self.emp_a1)
        self.assertRecordValues(
            screen,
            [{"month": self.march, "sales": march.sales, "achievement": march.achievement,
              "commission": march.commission, "bonus": march.bonus, "total": march.total}],
        )  # fmt: skip
        self.assertFalse(screen.statement_ids, "no statement before March")

    def test_a_user_without_employee_is_told(self):
        with self.assertRaisesRegex(UserError, "not linked to an employee"):
            self._open(self.manager_a)

    def test_a_guide_sees_only_their_own(self):
        mine = self._open(self.staff_a)
        theirs = self._open(self.staff_b)
        self.assertEqual(theirs.employee_id, self.emp_b1)
        with self.assertRaises(AccessError):
            mine.with_user(self.staff_b).read(["sales"])
        with self.assertRaises(AccessError):
            mine.statement_ids.with_user(self.staff_b).read(["total"])
        self.assertFalse(self.env["chain.commission.my"].with_user(self.staff_b).search([("id", "=", mine.id)]))

    def test_rpc_cannot_choose_whose_figures(self):
        """Over HTTP, as a guide: what the client sends at create is ignored, nothing is writable."""
        self.authenticate("t_staff_b", "t_staff_b")
        answer = self._call(
            "chain.commission.my", "create", {"employee_id": self.emp_a1.id, "sales": 99999.0, "total": 5000.0}
        )
        screen = self.env["chain.commission.my"].browse(answer["result"])
        self.assertEqual((screen.employee_id, screen.sales, screen.total), (self.emp_b1, 0.0, 0.0))
        self.assertRpcError(self._call("chain.commission.my", "write", [screen.id], {"total": 5000.0}))
        mine = self._open(self.staff_a)
        self.assertRpcError(self._call("chain.commission.my", "read", [mine.id], ["sales"]))
        action = self._call("chain.commission.my", "action_open_my_commission")["result"]
        self.assertEqual(self.env["chain.commission.my"].browse(action["res_id"]).employee_id, self.emp_b1)
