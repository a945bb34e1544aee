from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.chain_member_prepaid.tests.common_deposit import ChainDepositCase


@tagged("post_install", "-at_install")
class TestPrepaidDashboard(ChainDepositCase):
    """The dashboard's outstanding prepaid liability per selling store, in the user's scope."""

    def setUp(self):
        super().setUp()
        self.deposit_a = self.sell_deposit(qty=12)
        self.pick_up(self.deposit_a, 2)
        self.deposit_b = self.sell_deposit(
            member=self.member_b, qty=5, price=310.0, session=self.session_b, user=self.cashier_b
        )
        self.card = self.sell_card()
        self.use_card(self.card)

    def _section(self, user):
        Dashboard = self.env["chain.dashboard"].with_user(user)
        return Dashboard._chain_prepaid_section(Dashboard._chain_scope_stores(Dashboard._chain_parse_filters({})))

    def test_chain_manager_sees_every_store(self):
        section = self._section(self.chain_manager)
        rows = {row["code"]: (row["deposits"], row["cards"], row["total"]) for row in section["stores"]}
        self.assertEqual(rows["TA01"], (3000.0, 66.67, 3066.67))
        self.assertEqual(rows["TB01"], (1550.0, 0.0, 1550.0))
        self.assertEqual(section["totals"], {"deposits": 4550.0, "cards": 66.67, "total": 4616.67})
        self.assertEqual(section["stores"][0]["code"], "TA01", "the largest liability first")

    def test_store_user_sees_own_store_only(self):
        section = self._section(self.staff_a)
        self.assertEqual([row["code"] for row in section["stores"]], ["TA01"])
        self.assertEqual(section["totals"]["total"], 3066.67)

    def test_dashboard_data_carries_the_section_and_drills_down(self):
        data = self.env["chain.dashboard"].with_user(self.chain_manager).get_dashboard_data({})
        self.assertEqual(data["prepaid"]["totals"]["total"], 4616.67)
        action = self.env["chain.dashboard"].with_user(self.staff_a).action_prepaid_drilldown({}, "deposits")
        found = self.env[action["res_model"]].with_user(self.staff_a).search(action["domain"])
        self.assertEqual(found, self.deposit_a)
        with self.assertRaises(ValidationError):
            self.env["chain.dashboard"].with_user(self.staff_a).action_prepaid_drilldown({}, "wallet")
