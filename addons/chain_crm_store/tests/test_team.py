from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import ChainCrmLeadCase


@tagged("post_install", "-at_install")
class TestSalesTeam(ChainCrmLeadCase):
    """A sales team per store: its manager leads it, its guides and baby advisors are members."""

    def test_store_team_leader_and_members(self):
        self.assertEqual(len(self.team_a), 1)
        self.assertRecordValues(self.team_a, [{"name": "Test Store A", "user_id": self.manager_a.id}])
        self.assertEqual(self.team_a.member_ids, self.manager_a | self.guide_a1 | self.guide_a2)
        self.assertNotIn(self.staff_a, self.team_a.member_ids, "a store user without a sales job is no member")
        self.assertEqual(len(self.team_b), 1)
        self.assertFalse(self.team_b.user_id)

    def test_new_store_gets_its_team(self):
        store = self.env["chain.store"].create(
            {"code": "TC01", "name": "Test Store C", "manager_id": self.manager_a.id}
        )
        self.assertRecordValues(store.chain_sales_team_ids, [{"name": "Test Store C", "user_id": self.manager_a.id}])

    def test_team_follows_jobs_stores_users_and_manager(self):
        self.emp_guide_a2.job_id = self.env.ref("chain_hr_store.job_cashier")
        self.assertNotIn(self.guide_a2, self.team_a.member_ids)
        self.emp_guide_a2.job_id = self.env.ref("chain_hr_store.job_baby_advisor")
        self.assertIn(self.guide_a2, self.team_a.member_ids)
        self.emp_guide_a1.chain_store_id = self.store_b
        self.assertNotIn(self.guide_a1, self.team_a.member_ids)
        self.assertIn(self.guide_a1, self.team_b.member_ids)
        manager_b = self._user("t_manager_b", "chain_store.group_chain_store_manager")
        self.store_b.manager_id = manager_b
        self.assertEqual(self.team_b.user_id, manager_b)
        self.assertIn(manager_b, self.team_b.member_ids)

    def test_install_hook_gives_existing_stores_a_team(self):
        self.team_b.unlink()
        post_init_hook(self.env)
        self.assertEqual(len(self.store_b.chain_sales_team_ids), 1)
        self.assertEqual(self.store_a.chain_sales_team_ids, self.team_a, "an existing team is kept")

    def test_the_store_of_a_team_is_not_written_by_hand(self):
        with self.assertRaises(AccessError):
            self.team_b.with_user(self.chain_manager).write({"chain_store_id": self.store_a.id})
