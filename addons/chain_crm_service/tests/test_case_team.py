from psycopg2 import IntegrityError

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..hooks import post_init_hook
from .common import ChainCaseCase


@tagged("post_install", "-at_install")
class TestCaseTeam(ChainCaseCase):
    """A helpdesk team per store, led by its manager, its members the store's staff."""

    def _team(self, store):
        return (
            self.env["helpdesk.ticket.team"].with_context(active_test=False).search([("chain_store_id", "=", store.id)])
        )

    def test_every_store_has_its_team_with_its_staff(self):
        team = self._team(self.store_a)
        self.assertEqual(len(team), 1)
        self.assertEqual(team.user_id, self.manager_a)
        self.assertEqual(team.user_ids, self.store_a.user_ids)
        self.assertIn(self.staff_a, team.user_ids)
        self.assertNotIn(self.staff_b, team.user_ids)

    def test_new_store_and_new_staff_follow(self):
        store = self.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        team = self._team(store)
        self.assertEqual(team.name, "Test Store C")
        self.assertFalse(team.user_ids)
        store.user_ids = [Command.link(self.staff_b.id)]
        self.assertEqual(team.user_ids, self.staff_b)
        self.staff_b.chain_store_ids = [Command.unlink(store.id)]
        self.assertFalse(team.user_ids)
        store.name = "Test Store C (renamed)"
        self.assertEqual(team.name, "Test Store C (renamed)")

    def test_install_hook_gives_existing_stores_a_team(self):
        self._team(self.store_b).unlink()
        post_init_hook(self.env)
        self.assertEqual(self._team(self.store_b).user_ids, self.store_b.user_ids)

    def test_case_goes_to_its_store_team(self):
        case = self._case(user=self.staff_b, store=self.store_b)
        self.assertEqual(case.team_id, self._team(self.store_b))
        self.assertEqual(case.chain_store_id, self.store_b)

    def test_a_store_has_a_single_team(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["helpdesk.ticket.team"].create({"name": "Second", "chain_store_id": self.store_a.id})
