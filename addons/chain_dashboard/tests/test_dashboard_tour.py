from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import ChainDashboardCase


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase, ChainDashboardCase):
    """A store manager, a region manager and HQ open the dashboard in a real browser."""

    def setUp(self):
        super().setUp()
        self.env["chain.dashboard"]._chain_rebuild(self.today - timedelta(days=70), self.today)
        # the tours read "this month": make sure both stores sold in it
        for config in (self.config_a, self.config_b):
            self._order(config, self._local(0, 10), [(self.formula, 1)])
        self.env["chain.dashboard"]._chain_refresh(self.today, self.today)

    def test_store_manager_sees_their_store_on_a_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour("/odoo/action-chain_dashboard.chain_dashboard_action", "chain_dashboard_store_tour",
                        login="t_manager_a")  # fmt: skip

    def test_region_manager_sees_their_region(self):
        self.start_tour("/odoo/action-chain_dashboard.chain_dashboard_action", "chain_dashboard_region_tour",
                        login="t_region_sh")  # fmt: skip

    def test_hq_sees_the_chain_and_drills_down(self):
        self.start_tour("/odoo/action-chain_dashboard.chain_dashboard_action", "chain_dashboard_hq_tour",
                        login="t_hq")  # fmt: skip
