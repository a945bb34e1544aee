import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChainDashboardCase


@tagged("post_install", "-at_install")
class TestDashboardXlsx(ChainDashboardCase):
    def setUp(self):
        super().setUp()
        self.env["chain.dashboard"]._chain_rebuild(self.today - timedelta(days=70), self.today)
        first = self.today - timedelta(days=29)
        self.filters = {"period": "custom", "date_from": str(first), "date_to": str(self.today)}
        self.first = first

    def _export(self, report, user):
        Report = self.env["ir.actions.report"].with_user(user)
        content, kind = Report._render_xlsx(f"chain_dashboard.{report}", [], {"filters": self.filters})
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content), read_only=True).active

    def test_product_sales_export_matches_the_order_lines(self):
        sheet = self._export("chain_dashboard_report_product_sales_xlsx", self.manager_a)
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual({r[0] for r in rows}, {"TA01"})
        raw = self._raw(self.store_a, self.first, self.today)
        self.assertAlmostEqual(sum(r[5] for r in rows), raw["sales"], places=2)
        self.assertAlmostEqual(sum(r[4] for r in rows), raw["units"], places=2)
        by_product = {r[3]: r[4] for r in rows}
        formula_lines = raw["lines"].filtered(lambda line: line.product_id == self.formula)
        self.assertAlmostEqual(by_product[self.formula.name], sum(formula_lines.mapped("qty")), places=2)

    def test_ranking_export_for_hq(self):
        sheet = self._export("chain_dashboard_report_ranking_xlsx", self.chain_manager)
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(sorted(r[1] for r in rows), ["TA01", "TB01"])
        raw = self._raw(self.store_b, self.first, self.today)
        row_b = next(r for r in rows if r[1] == "TB01")
        self.assertAlmostEqual(row_b[4], raw["sales"], places=2)
        self.assertEqual(row_b[5], raw["tickets"])

    def test_ranking_export_holds_the_regions_and_the_daily_trend(self):
        Report = self.env["ir.actions.report"].with_user(self.chain_manager)
        content, _kind = Report._render_xlsx(
            "chain_dashboard.chain_dashboard_report_ranking_xlsx", [], {"filters": self.filters}
        )
        book = load_workbook(io.BytesIO(content), read_only=True)
        self.assertEqual(len(book.sheetnames), 3)
        data = self.env["chain.dashboard"].with_user(self.chain_manager).get_dashboard_data(self.filters)
        regions = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
        self.assertEqual(
            {r[0]: (r[1], round(r[2], 2)) for r in regions},
            {r["name"]: (r["stores"], round(r["sales"], 2)) for r in data["regions"]},
        )
        trend = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
        self.assertEqual([r[0] for r in trend], [r["date"] for r in data["trend"]])
        raw = self._raw(self.store_a | self.store_b, self.first, self.today)
        self.assertAlmostEqual(sum(r[1] for r in trend), raw["sales"], places=2)
        self.assertEqual(sum(r[2] for r in trend), raw["tickets"])

    def test_export_is_refused_without_the_report_group(self):
        with self.assertRaises(AccessError):
            self._export("chain_dashboard_report_product_sales_xlsx", self.staff_a)
