# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util

from odoo import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


def load_migration(path):
    """The module of the migration script at ``path`` (its folder name is not importable)."""
    spec = importlib.util.spec_from_file_location("chain_channel_migration", file_path(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigration(TransactionCase):
    def test_18_0_1_0_7_rules_of_channel_orders_and_buyers(self):
        """The two changed rules get the domain of the rules file; the buyers of channel orders
        only are flagged, not a customer who also has another order."""
        migration = load_migration("chain_channel/migrations/18.0.1.0.7/post-migrate.py")
        rules = [self.env.ref(f"chain_channel.{xml_id}") for xml_id in migration.CHANGED_RULES]
        expected = [rule.domain_force for rule in rules]
        for rule in rules:
            rule.domain_force = "[(1, '=', 1)]"
        store = self.env["chain.store"].create({"name": "Migration Store", "code": "MIG-A"})
        channel = self.env["chain.channel"].create({"name": "Migration Shop", "store_ids": [Command.set(store.ids)]})
        product = self.env["product.product"].create({"name": "Migration product"})
        buyer, customer = self.env["res.partner"].create([{"name": "Buyer"}, {"name": "Store customer"}])
        self.env["sale.order"].create(
            [
                {"partner_id": partner.id, "chain_channel_id": channel.id, "chain_platform_order_id": ref,
                 "warehouse_id": store.warehouse_id.id, "order_line": [Command.create({"product_id": product.id})]}
                for partner, ref in ((buyer, "M1"), (customer, "M2"))
            ]
            + [{"partner_id": customer.id, "order_line": [Command.create({"product_id": product.id})]}]
        )  # fmt: skip
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET chain_channel_buyer = NULL WHERE id IN %s", [(buyer.id, customer.id)]
        )
        self.env.invalidate_all()
        migration.migrate(self.env.cr, "18.0.1.0.6")
        self.env.invalidate_all()
        self.assertEqual([rule.domain_force for rule in rules], expected)
        self.assertRecordValues(buyer | customer, [{"chain_channel_buyer": True}, {"chain_channel_buyer": False}])
