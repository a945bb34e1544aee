"""18.0.1.0.3: a region manager sees the DC allocations (and their lines) of their regions'
stores only, no longer every allocation.

The two region rules live in ``noupdate`` data, which an update does not reload: their new
name and domain are read from the addon's rules file, so that they are written once. The chain
manager's rules are new and load by themselves."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.misc import file_path

RULES_FILE = "chain_stock_replenish/security/chain_stock_replenish_rules.xml"
CHANGED_RULES = ("chain_replenish_allocation_rule_region", "chain_replenish_allocation_line_rule_region")


def rule_values(xml_id, path=RULES_FILE):
    """``{"name": ..., "domain_force": ...}`` of the rule ``xml_id`` in ``path``."""
    with open(file_path(path), "rb") as handle:
        tree = etree.parse(handle)
    record = tree.find(f".//record[@id='{xml_id}']")
    return {
        field.get("name"): field.text
        for field in record.findall("field")
        if field.get("name") in ("name", "domain_force")
    }


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xml_id in CHANGED_RULES:
        rule = env.ref(f"chain_stock_replenish.{xml_id}", raise_if_not_found=False)
        if rule:
            rule.write(rule_values(xml_id))
