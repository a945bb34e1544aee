"""18.0.1.0.7: channel orders and their messages are visible only to the stores that fulfil
them; the buyers made for channel orders are flagged (their contact data follows the orders).

The two rules changed live in ``noupdate`` data, which an update does not reload: their new
domain is read from the addon's rules file, so that it is written once. The new rules load by
themselves."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.misc import file_path

RULES_FILE = "chain_channel/security/chain_channel_rules.xml"
CHANGED_RULES = ("sale_order_rule_chain_channel", "chain_channel_message_rule_store")


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


def flag_buyers(cr):
    """Flag the partners that exist only as buyers of channel orders: no other sales order, no
    POS order, no user, not a company (a store's customer found by the import stays as it was)."""
    cr.execute(
        """
        UPDATE res_partner p SET chain_channel_buyer = TRUE
         WHERE p.id IN (SELECT partner_id FROM sale_order WHERE chain_channel_id IS NOT NULL)
           AND NOT COALESCE(p.is_company, FALSE)
           AND NOT EXISTS (SELECT 1 FROM sale_order o WHERE o.partner_id = p.id AND o.chain_channel_id IS NULL)
           AND NOT EXISTS (SELECT 1 FROM pos_order o WHERE o.partner_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM res_company c WHERE c.partner_id = p.id)
        """
    )


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xml_id in CHANGED_RULES:
        rule = env.ref(f"chain_channel.{xml_id}", raise_if_not_found=False)
        if rule:
            rule.write(rule_values(xml_id))
    flag_buyers(cr)
