"""18.0.1.0.3: a region manager sees the DC allocations (and their lines) of their regions'
stores only, no longer every allocation.

The two region rules live in ``noupdate`` data, which an update does not reload: their new
name and domain are read from the addon's rules file, so that they are written once. The chain
manager's rules are new and load by themselves."""

from odoo import SUPERUSER_ID, api

from odoo.addons.chain_store.lib.migration import refresh_rules

RULES_FILE = "security/chain_stock_replenish_rules.xml"
CHANGED_RULES = ("chain_replenish_allocation_rule_region", "chain_replenish_allocation_line_rule_region")


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    refresh_rules(env, "chain_stock_replenish", RULES_FILE, CHANGED_RULES)
