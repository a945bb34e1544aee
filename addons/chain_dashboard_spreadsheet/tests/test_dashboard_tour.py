from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import ChainSpreadsheetCase


@tagged("post_install", "-at_install")
class TestDashboardSpreadsheetTour(HttpCase, ChainSpreadsheetCase):
    """A store manager opens Dashboards > Chain KPIs in a real browser."""

    def setUp(self):
        super().setUp()
        # the browser's Period is the real "this month": date store A's sales today
        today = fields.Date.context_today(self.manager_a)
        self.daily.filtered(lambda row: row.date == today).unlink()
        self.env["chain.dashboard.daily"].create(
            self._daily_vals(self.store_a, today, 4520.0, 40, 1280.0, 90, 2260.0, 18)
        )

    def test_store_manager_opens_chain_kpis(self):
        # tall enough for every figure: the spreadsheet draws only the figures in view
        self.browser_size = "1400x2200"
        self.start_tour("/odoo/dashboards", "chain_dashboard_spreadsheet_tour", login="t_manager_a")

    def test_store_without_sales_sees_the_sample(self):
        store_c = self.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        self._user("t_staff_c", "chain_store.group_chain_store_user", store_c)
        self.start_tour("/odoo/dashboards", "chain_dashboard_spreadsheet_sample_tour", login="t_staff_c")
