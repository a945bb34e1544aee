import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChainCommissionCase


@tagged("post_install", "-at_install")
class TestCommissionMonth(ChainCommissionCase):
    """A month of store A's sales, with the exact amounts each employee earns.

    March, store A (time zone Shanghai):

    - ``emp_a1`` (guide, target 1,000): 2 飞鹤 at 300 (600), 5 diapers at 20 (cost 12), a rattle at 100
      (cost 40), a 君乐宝 at 200, wipes at 50 -> sales 1,050, achievement 105 %, so 飞鹤 earns the 100 %
      tier's 4 %: 24.00 + diapers 5 x 2.00 + rattle 10 % of 60 margin + 君乐宝 2 % + wipes 1 % =
      44.50; two members enrolled: 40.00 bonus; total 84.50.
    - ``emp_a2`` (cashier): a 飞鹤 at 300 -> 0 (cashiers earn nothing).
    - ``emp_a3`` (advisor, target 10,000): a 飞鹤 on 1 March 09:00 local (300, 3 %: 9.00), two wipes on
      1 March 01:00 local (28 Feb UTC; 100, 1 %: 1.00) -> 10.00. Her 飞鹤 of 1 April 01:00 local
      (31 March UTC) is April's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._seed_march()

    def test_march_amounts_per_employee(self):
        statement = self._statement(self.store_a, self.march)
        statement.action_compute()
        figures = self._figures(statement)
        self.assertEqual(set(figures), {self.emp_a1, self.emp_a2, self.emp_a3})
        self.assertEqual(figures[self.emp_a1], {
            "sales": 1050.0, "achievement": 105.0, "members_enrolled": 2, "commission": 44.5, "bonus": 40.0,
            "clawback": 0.0, "total": 84.5,
        })  # fmt: skip
        self.assertEqual(figures[self.emp_a2], {
            "sales": 300.0, "achievement": 0.0, "members_enrolled": 0, "commission": 0.0, "bonus": 0.0,
            "clawback": 0.0, "total": 0.0,
        })  # fmt: skip
        self.assertEqual(figures[self.emp_a3], {
            "sales": 400.0, "achievement": 4.0, "members_enrolled": 0, "commission": 10.0, "bonus": 0.0,
            "clawback": 0.0, "total": 10.0,
        })  # fmt: skip
        self.assertEqual(statement.total, 94.5)
        details = statement.line_ids.filtered(lambda line: line.employee_id == self.emp_a1).detail_ids
        paid = {(d.rule_id, d.rate, d.amount): d.commission for d in details}
        self.assertEqual(paid, {
            (self.rule_feihe, 4.0, 0.0): 24.0, (self.rule_diaper, 0.0, 2.0): 10.0, (self.rule_toys, 10.0, 0.0): 6.0,
            (self.rule_formula, 2.0, 0.0): 4.0, (self.rule_all, 1.0, 0.0): 0.5, (self.rule_member, 0.0, 20.0): 40.0,
        })  # fmt: skip

    def test_other_store_has_its_own_statement(self):
        statements = self._statement(self.store_a, self.march) | self._statement(self.store_b, self.march)
        statements.action_compute()
        statement_b = statements.filtered(lambda s: s.store_id == self.store_b)
        self.assertEqual(self._figures(statement_b), {self.emp_b1: {
            "sales": 300.0, "achievement": 0.0, "members_enrolled": 0, "commission": 9.0, "bonus": 0.0,
            "clawback": 0.0, "total": 9.0,
        }})  # fmt: skip

    def test_live_month_of_a_guide(self):
        Statement = self.env["chain.commission.statement"]
        mine = Statement._chain_my_month(self.emp_a1, today=date(2026, 3, 20))
        self.assertEqual((mine["sales"], mine["sales_target"], mine["achievement"], mine["commission"],
                          mine["bonus"], mine["total"]), (1050.0, 1000.0, 105.0, 44.5, 40.0, 84.5))  # fmt: skip
        self.assertFalse(Statement.search([]), "the live figures write nothing")

    def _approve_march(self):
        march = self._statement(self.store_a, self.march)
        with freeze_time("2026-04-01 10:00:00"):
            march.action_compute()
        march.with_user(self.manager_a).action_submit()
        march.with_user(self.chain_manager).action_approve()
        self.assertEqual(march.state, "approved")
        return march

    def test_refund_after_approval_lands_in_next_month(self):
        """March approved on 1 April; then: a 飞鹤 of ``emp_a1``'s March sale refunded on 3 April (by the
        cashier), a till that was offline sends a March sale of 3 diapers on 2 April, ``emp_a1`` sells a
        rattle (margin 60) in April and enrols a member on 2 April.

        April for ``emp_a1``: sales 160 (the late diapers 60 + the rattle 100), commission 6.00 + 6.00,
        bonus 20.00, clawback 12.00 (4 %, March's tier, of 300), total 20.00. March is unchanged."""
        march = self._approve_march()
        march_total = march.total
        self._refund(self.config_a, datetime(2026, 4, 3, 4, 0), self.o1.lines, 1, employee=self.emp_a2)
        late = self._sale(self.config_a, datetime(2026, 3, 30, 4, 0), [(self.diaper, 3, 20, 12, self.emp_a1)])
        self.env.flush_all()
        self.env.cr.execute("UPDATE pos_order SET create_date = %s WHERE id = %s", ["2026-04-02 08:00:00", late.id])
        self._sale(self.config_a, datetime(2026, 4, 5, 4, 0), [(self.toy, 1, 100, 40, self.emp_a1)])
        april = self._statement(self.store_a, self.april)
        with freeze_time("2026-05-01 10:00:00"):
            april.action_compute()
        figures = self._figures(april)
        self.assertEqual(figures[self.emp_a1], {
            "sales": 160.0, "achievement": 0.0, "members_enrolled": 1, "commission": 12.0, "bonus": 20.0,
            "clawback": 12.0, "total": 20.0,
        })  # fmt: skip
        self.assertEqual(figures[self.emp_a3]["commission"], 9.0, "her sale of 1 April 01:00 local")
        self.assertNotIn(self.emp_a2, figures, "the refund is the original guide's")
        claw = april.line_ids.detail_ids.filtered(lambda d: d.kind == "clawback")
        self.assertRecordValues(claw, [{"rule_id": self.rule_feihe.id, "origin_month": self.march, "rate": 4.0,
                                        "commission": -12.0}])  # fmt: skip
        self.assertEqual(march.total, march_total)
        with self.assertRaisesRegex(UserError, "approved and locked"):
            march.action_compute()

    def test_recompute_and_reset_after_approval_refused(self):
        march = self._approve_march()
        with self.assertRaisesRegex(UserError, "never recomputed"):
            march.with_user(self.chain_manager).action_compute()
        with self.assertRaisesRegex(UserError, "corrections go to the next month"):
            march.with_user(self.chain_manager).action_reset_draft()
        with self.assertRaises(UserError):
            march.unlink()

    def test_store_manager_reviews_but_does_not_approve(self):
        statement = self._statement(self.store_a, self.march).with_user(self.manager_a)
        statement.action_compute()
        statement.action_submit()
        with self.assertRaises(AccessError):
            statement.action_approve()
        with self.assertRaises(AccessError):
            statement.write({"state": "approved"})
        self.assertEqual(statement.state, "to_review")

    def test_excel_for_payroll(self):
        statement = self._statement(self.store_a, self.march)
        statement.action_compute()
        report = self.env.ref("chain_pos_commission.chain_commission_statement_xlsx_report")
        content, kind = report._render(report.report_name, statement.ids)
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = {row[3]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[2]}
        self.assertEqual(rows[self.emp_a1.name][1], self.store_a.display_name)
        self.assertEqual(rows[self.emp_a1.name][-1], 84.5)
        self.assertEqual(rows[self.emp_a3.name][-1], 10.0)
