import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import ChainAccountStoreCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-20")
class TestStorePnl(ChainAccountStoreCase):
    """Store A sells 1000 (cost 600, loss 20, rent 150, 60% of a shared 100 ad) in March 2026 and
    500 in March 2025; store B sells 400 (cost 300, 40% of the ad); 70 of other income has no store."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acc_commission = cls.env["account.account"].create(
            {"code": "CAS6611", "name": "Commission (test)", "account_type": "expense"}
        )
        cls.env.company.chain_commission_account_ids = cls.acc_commission
        cls.acc_bank = cls.env["account.account"].create(
            {"code": "CAS1002", "name": "Bank (test)", "account_type": "asset_current"}
        )
        a, b = cls.store_a, cls.store_b
        entry = cls._entry_cls
        entry(
            [
                (cls.acc_sales, -1000.0, a),
                (cls.acc_cogs, 600.0, a),
                (cls.acc_loss, 20.0, a),
                (cls.acc_rent, 150.0, a),
                (cls.acc_commission, 30.0, a),
                (cls.acc_bank, 200.0, None),
            ]
        )
        entry([(cls.acc_sales, -400.0, b), (cls.acc_cogs, 300.0, b), (cls.acc_bank, 100.0, None)], date="2026-03-05")
        entry([(cls.acc_sales, -500.0, a), (cls.acc_bank, 500.0, None)], date="2025-03-12")
        entry([(cls.acc_sales, -250.0, a), (cls.acc_bank, 250.0, None)], date="2026-02-12")
        entry([(cls.acc_other_income, -70.0, None), (cls.acc_bank, 70.0, None)])
        # an advertisement shared 60/40 between the two stores
        ad = {str(cls.analytic_a.id): 60.0, str(cls.analytic_b.id): 40.0}
        cls.env["account.move"].create(
            {"journal_id": cls.misc_journal.id, "date": "2026-03-15", "line_ids": [
                (0, 0, {"account_id": cls.acc_rent.id, "balance": 100.0, "analytic_distribution": ad}),
                (0, 0, {"account_id": cls.acc_bank.id, "balance": -100.0}),
            ]}
        ).action_post()  # fmt: skip
        cls.env["account.move"].create(
            {"journal_id": cls.misc_journal.id, "date": "2026-03-16", "line_ids": [
                (0, 0, {"account_id": cls.acc_sales.id, "balance": -5000.0}),
                (0, 0, {"account_id": cls.acc_bank.id, "balance": 5000.0}),
            ]}
        )  # a draft: not in the P&L  # fmt: skip

    @classmethod
    def _entry_cls(cls, lines, date="2026-03-10"):
        return cls._entry(cls, lines, date=date)

    def _report(self, user=None):
        return self.env["chain.store.pnl"].with_user(user or self.accountant)._chain_pnl_report("2026-03-20")

    def test_figures_per_store_month_and_year(self):
        report = self._report()
        a, b = report[self.store_a.id], report[self.store_b.id]
        self.assertEqual(a["month"]["sales"], 1000.0)
        self.assertEqual(a["month"]["cogs"], 600.0)
        self.assertEqual(a["month"]["gross_margin"], 400.0)
        self.assertEqual(a["month"]["margin_pct"], 40.0)
        self.assertEqual(a["month"]["shrinkage"], 20.0)
        self.assertEqual(a["month"]["expenses"], 210.0, "rent 150 + 60% of the ad")
        self.assertEqual(a["month"]["commission"], 30.0)
        self.assertEqual(a["month"]["contribution"], 140.0)
        self.assertEqual(a["ytd"]["sales"], 1250.0)
        self.assertEqual(a["month_py"]["sales"], 500.0)
        self.assertEqual(a["ytd_py"]["sales"], 500.0)
        self.assertEqual(b["month"]["expenses"], 40.0)
        self.assertEqual(b["month"]["contribution"], 60.0)
        self.assertEqual(report[False]["month"]["sales"], 70.0, "income of no store is unassigned")

    def test_store_pnls_add_up_to_the_company_pnl(self):
        totals = self.env["chain.store.pnl"].with_user(self.accountant)._chain_pnl_totals("2026-01-01", "2026-03-31")
        self.assertEqual(totals["total"], totals["company"])
        self.assertEqual(totals["stores"]["sales"], 1650.0)
        self.assertEqual(totals["unassigned"]["sales"], 70.0)
        self.assertEqual(totals["company"]["expenses"], 250.0)
        with self.assertRaises(AccessError):
            self.env["chain.store.pnl"].with_user(self.manager_a)._chain_pnl_totals("2026-01-01", "2026-03-31")

    def test_scope_per_role(self):
        self.assertEqual(set(self._report(self.manager_a)), {self.store_a.id}, "a store manager: their store")
        self.assertEqual(set(self._report(self.region_manager)), {self.store_a.id}, "the Shanghai region: store A")
        self.assertIn(self.store_b.id, self._report(self.chain_manager))
        with self.assertRaises(AccessError):
            self._report(self.staff_a)
        with self.assertRaises(AccessError):
            self.env["chain.store.pnl.wizard"].with_user(self.staff_a).create({})

    def test_wizard_lines_and_drill_down(self):
        wizard = self.env["chain.store.pnl.wizard"].with_user(self.accountant).create({"date_to": "2026-03-20"})
        action = wizard.action_show()
        lines = self.env["chain.store.pnl.line"].with_user(self.accountant).search(action["domain"])
        month_a = lines.filtered(lambda line: line.store_id == self.store_a and line.scope == "month")
        self.assertRecordValues(month_a, [{"sales": 1000.0, "sales_py": 500.0, "contribution": 140.0}])
        drill = month_a.with_context(pnl_measure="expenses").action_open_journal_items()
        items = self.env["account.move.line"].with_user(self.accountant).search(drill["domain"])
        self.assertEqual(sorted(items.mapped("balance")), [100.0, 150.0], "the rent and the shared ad")
        drill = month_a.with_context(pnl_measure="sales", pnl_previous=1).action_open_journal_items()
        items = self.env["account.move.line"].search(drill["domain"])
        self.assertEqual(items.mapped("balance"), [-500.0])
        unassigned = lines.filtered(lambda line: not line.store_id and line.scope == "month")
        drill = unassigned.with_context(pnl_measure="sales").action_open_journal_items()
        self.assertEqual(self.env["account.move.line"].search(drill["domain"]).mapped("balance"), [-70.0])

    def test_manager_wizard_shows_only_their_store_and_no_journal_items(self):
        wizard = self.env["chain.store.pnl.wizard"].with_user(self.manager_a).create({"date_to": "2026-03-20"})
        wizard.action_show()
        self.assertEqual(wizard.line_ids.store_id, self.store_a)
        with self.assertRaises(AccessError):
            wizard.line_ids[:1].action_open_journal_items()

    def test_excel_export(self):
        wizard = self.env["chain.store.pnl.wizard"].with_user(self.accountant).create({"date_to": "2026-03-20"})
        wizard._chain_compute_lines()
        report = self.env.ref("chain_account_store.chain_store_pnl_xlsx_report")
        content, kind = report.with_user(self.accountant)._render(report.report_name, wizard.ids)
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]]
        by_key = {(row[1], row[3]): row for row in rows}
        month_a = by_key[(self.store_a.name, "Month to Date")]
        self.assertEqual(month_a[4:6], (1000.0, 500.0), "sales and sales a year earlier")
        self.assertEqual(month_a[-2], 140.0, "contribution")

    def test_partly_distributed_line_leaves_the_rest_unassigned(self):
        half = {str(self.analytic_a.id): 50.0}
        self.env["account.move"].create(
            {"journal_id": self.misc_journal.id, "date": "2026-01-15", "line_ids": [
                (0, 0, {"account_id": self.acc_rent.id, "balance": 200.0, "analytic_distribution": half}),
                (0, 0, {"account_id": self.acc_bank.id, "balance": -200.0}),
            ]}
        ).action_post()  # fmt: skip
        report = self._report()
        self.assertEqual(report[self.store_a.id]["ytd"]["expenses"], 310.0, "March 210 + half of January's 200")
        self.assertEqual(report[False]["ytd"]["expenses"], 100.0, "the other half belongs to no store")
        totals = self.env["chain.store.pnl"].with_user(self.accountant)._chain_pnl_totals("2026-01-01", "2026-03-31")
        self.assertEqual(totals["total"], totals["company"])
