import io

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChainCrmLeadCase


@tagged("post_install", "-at_install")
class TestConversionReport(ChainCrmLeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        config = cls._pos_config(cls.store_a)
        with freeze_time("2026-12-08 02:00:00"):
            (cls.lead_a1 | cls.lead_a2).action_chain_convert()
        with freeze_time("2026-12-09 02:00:00"):
            order = cls._pos_order(config, amount=99)
            order.partner_id = cls.lead_a1.chain_member_id.partner_id
            order.action_pos_order_paid()
        cls.env["crm.lead"]._cron_chain_first_purchase()
        cls.Report = cls.env["chain.crm.conversion.report"]

    def test_figures_per_store(self):
        groups = self.Report._read_group(
            [("chain_store_id", "in", (self.store_a | self.store_b).ids)],
            ["chain_store_id"],
            ["lead_count:sum", "converted_count:sum", "purchase_count:sum", "conversion_rate:avg", "purchase_rate:avg"],
        )
        figures = {store: rest for store, *rest in groups}
        leads, members, purchases, conversion, purchase = figures[self.store_a]
        self.assertEqual((leads, members, purchases), (3, 2, 1))
        self.assertAlmostEqual(conversion, 200 / 3, places=2)
        self.assertAlmostEqual(purchase, 100 / 3, places=2)
        self.assertEqual(figures[self.store_b][:3], [1, 0, 0])

    def test_per_guide_and_source_drill_down_to_leads(self):
        groups = self.Report._read_group(
            [("chain_store_id", "=", self.store_a.id)], ["user_id"], ["converted_count:sum", "purchase_count:sum"]
        )
        self.assertEqual({user: (c, p) for user, c, p in groups}[self.guide_a1], (1, 1))
        rows = self.Report.search([("chain_store_id", "=", self.store_a.id), ("member_id", "!=", False)])
        self.assertEqual(rows.lead_id, self.lead_a1 | self.lead_a2)
        action = rows.filtered(lambda r: r.lead_id == self.lead_a1).with_user(self.guide_a1).action_open_lead()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", self.lead_a1.id))

    def test_store_scoped(self):
        rows = self.Report.with_user(self.staff_b).search([])
        self.assertEqual(rows.chain_store_id, self.store_b)
        self.assertEqual(rows.lead_id, self.lead_b)

    def test_excel(self):
        report = self.env.ref("chain_crm_store.chain_crm_conversion_xlsx_report")
        rows = self.Report.search([("chain_store_id", "=", self.store_a.id)])
        content, kind = report._render(report.report_name, rows.ids)
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        data = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
        by_guide = {row[1]: row for row in data}
        self.assertEqual(by_guide[self.guide_a1.name][4:7], (1, 1, 1))
        self.assertEqual(by_guide[self.guide_a2.name][4:7], (1, 1, 0))
        self.assertEqual(sum(row[4] for row in data), 3)
