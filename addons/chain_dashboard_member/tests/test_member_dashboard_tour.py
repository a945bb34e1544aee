from odoo.tests import HttpCase, tagged

from .common import MemberDashboardCase


@tagged("post_install", "-at_install")
class TestMemberDashboardTour(HttpCase, MemberDashboardCase):
    """A store manager opens the dashboard in a real browser and drills down to the new members."""

    def setUp(self):
        super().setUp()
        # "this month" holds a member's ticket of store A whatever the day of the month
        self._member_order(self.config_a, 0, self.wang, [(self.formula, 1)])
        self.env["chain.dashboard"]._chain_refresh(self.today, self.today)

    def test_store_manager_sees_their_members(self):
        self.start_tour("/odoo/action-chain_dashboard.chain_dashboard_action", "chain_dashboard_member_tour",
                        login="t_manager_a")  # fmt: skip
