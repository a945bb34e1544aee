import importlib.util

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


@tagged("post_install", "-at_install")
class TestMigration(TransactionCase):
    def test_18_0_1_0_3_region_rules(self):
        """The region manager's allocation rules, which opened every allocation, get the
        domain of the rules file."""
        path = file_path("chain_stock_replenish/migrations/18.0.1.0.3/post-migrate.py")
        spec = importlib.util.spec_from_file_location("chain_stock_replenish_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        rules = [self.env.ref(f"chain_stock_replenish.{xml_id}") for xml_id in migration.CHANGED_RULES]
        expected = [(rule.name, rule.domain_force) for rule in rules]
        self.assertNotIn("[(1, '=', 1)]", [domain for _name, domain in expected])
        rules[0].write({"name": "DC allocation: all (region manager)", "domain_force": "[(1, '=', 1)]"})
        rules[1].write({"name": "DC allocation line: all (region manager)", "domain_force": "[(1, '=', 1)]"})
        migration.migrate(self.env.cr, "18.0.1.0.2")
        self.env.invalidate_all()
        self.assertEqual([(rule.name, rule.domain_force) for rule in rules], expected)
