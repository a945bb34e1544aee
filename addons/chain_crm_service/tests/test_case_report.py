import io
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChainCaseCase


@tagged("post_install", "-at_install")
class TestCaseReport(ChainCaseCase):
    """Figures of the case analysis and of the supplier scoring, as the reports show them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_supplier = cls.env["res.partner"].create({"name": "Other Distributor (test)"})
        done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with freeze_time("2026-03-02 09:00:00"):
            cls.safety_a = cls._case(user=cls.staff_a, category=cls.categ_safety)
            cls.quality_a = cls._case(user=cls.staff_a, category=cls.categ_quality)
            cls.quality_b = cls._case(user=cls.staff_b, store=cls.store_b, category=cls.categ_quality)
            cls.service_b = cls._case(user=cls.staff_b, store=cls.store_b, category=cls.categ_service, lot=cls.good)
            cls.service_b.chain_supplier_id = cls.other_supplier  # a lot received otherwise: set by hand
        with freeze_time("2026-03-02 19:00:00"):
            cls.safety_a.stage_id = done  # 10 h: within 24 h
        with freeze_time("2026-03-06 09:00:00"):
            cls.quality_a.stage_id = done  # 96 h: over 72 h
        with freeze_time("2026-04-10 09:00:00"):
            cls.april = cls._case(user=cls.staff_a, category=cls.categ_allergy)

    def test_cases_per_store_and_kind_with_sla_and_hours(self):
        groups = self.Ticket.with_user(self.chain_manager)._read_group(
            [("chain_store_id", "in", (self.store_a | self.store_b).ids), ("closed", "=", True)],
            ["chain_store_id", "chain_kind", "chain_sla_resolve_ok"],
            ["__count", "chain_resolve_hours:avg"],
        )
        self.assertEqual(
            sorted((store.code, kind, ok, count, hours) for store, kind, ok, count, hours in groups),
            [("TA01", "quality", False, 1, 96.0), ("TA01", "safety", True, 1, 10.0)],
        )

    def test_report_is_store_scoped(self):
        groups = self.Ticket.with_user(self.manager_b)._read_group([], ["chain_store_id"], ["__count"])
        self.assertEqual([(store, count) for store, count in groups], [(self.store_b, 2)])
        groups = self.Ticket.with_user(self.region_manager)._read_group([], ["chain_lot_id"], ["__count"])
        self.assertEqual(dict(groups), {self.bad: 3})

    def test_supplier_case_stats(self):
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner._chain_supplier_case_stats(datetime(2026, 3, 1), datetime(2026, 3, 31)),
            {self.supplier.id: {"cases": 3, "safety": 1}, self.other_supplier.id: {"cases": 1, "safety": 0}},
        )
        self.assertEqual(
            self.supplier._chain_supplier_case_stats(),
            {self.supplier.id: {"cases": 4, "safety": 2}},  # the April allergy case too
        )
        self.assertEqual(self.supplier._chain_supplier_case_stats(datetime(2026, 5, 1)), {})

    def test_excel_export(self):
        cases = self.Ticket.with_user(self.manager_a).search([])
        self.assertEqual(cases, self.safety_a | self.quality_a | self.april)
        report = self.env.ref("chain_crm_service.helpdesk_ticket_xlsx_report")
        content, kind = report.with_user(self.manager_a)._render(report.report_name, cases.ids)
        self.assertEqual(kind, "xlsx")
        try:
            import openpyxl
        except ImportError:
            self.assertTrue(content.startswith(b"PK"))
            return
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        summary = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(summary[0][:3], ("Store", "Category", "Cases"))
        rows = {row[1]: row[2:] for row in summary[1:]}
        self.assertEqual(rows["Quality Issue"], (1, 0, 1, 0, 96.0))
        self.assertEqual(rows["Safety / Adverse Reaction"], (1, 0, 1, 1, 10.0))
        self.assertEqual(len(list(workbook.worksheets[1].iter_rows())), 1 + 3)
