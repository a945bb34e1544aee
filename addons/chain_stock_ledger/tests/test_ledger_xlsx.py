import io

import openpyxl

from odoo.tests import tagged

from .common import ChainLedgerCase

HEADER = 3  # the column headers are on the third row (openpyxl counts from 1)


@tagged("post_install", "-at_install")
class TestLedgerXlsx(ChainLedgerCase):
    def _workbook(self, ledger, user, lang=None):
        action = ledger.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        report = self.env.ref("chain_stock_ledger.chain_stock_ledger_xlsx_report").with_user(user)
        if lang:
            report = report.with_context(lang=lang)
        content, kind = report._render(report.report_name, ledger.ids)
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]

    def test_export(self):
        ledger = self._ledger(user=self.manager_a)
        sheet = self._workbook(ledger, self.manager_a)
        rows = list(sheet.iter_rows(values_only=True))
        head = rows[HEADER - 1]
        self.assertEqual(head[:4], ("Store", "Product", "Unit", "Opening Qty"))
        self.assertIn("Closing Value", head)
        diapers = next(row for row in rows[HEADER:] if row[1] == self.diapers.display_name)
        self.assertEqual(diapers[0], self.store_a.display_name)
        self.assertEqual(diapers[head.index("Opening Qty")], 20)
        self.assertEqual(diapers[head.index("POS Sales")], 4)
        self.assertEqual(diapers[head.index("Closing Qty")], 16)
        self.assertAlmostEqual(diapers[head.index("Closing Value")], 256.5)
        total = rows[-1]
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[head.index("Closing Qty")], 16 + 8)  # diapers and formula

    def test_export_per_lot_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["chain_stock_ledger"], ["zh_CN"], overwrite=True)
        ledger = self._ledger(user=self.manager_a, by_lot=True)
        sheet = self._workbook(ledger, self.manager_a, lang="zh_CN")
        rows = list(sheet.iter_rows(values_only=True))
        head = rows[HEADER - 1]
        self.assertEqual(head[:5], ("门店", "商品", "批次", "单位", "期初数量"))
        self.assertIn("期末金额", head)
        lot2 = next(row for row in rows[HEADER:] if row[2] == "L2")
        self.assertEqual(lot2[head.index("期末数量")], 4)
        self.assertEqual(rows[-1][0], "合计")
