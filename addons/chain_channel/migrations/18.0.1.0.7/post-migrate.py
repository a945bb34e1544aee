"""18.0.1.0.7: channel orders and their messages are visible only to the stores that fulfil
them; the buyers made for channel orders are flagged (their contact data follows the orders).

The two rules changed live in ``noupdate`` data, which an update does not reload: their new
domain is read from the addon's rules file, so that it is written once. The new rules load by
themselves."""

from odoo import SUPERUSER_ID, api

from odoo.addons.chain_store.lib.migration import refresh_rules

RULES_FILE = "security/chain_channel_rules.xml"
CHANGED_RULES = ("sale_order_rule_chain_channel", "chain_channel_message_rule_store")


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
    refresh_rules(env, "chain_channel", RULES_FILE, CHANGED_RULES)
    flag_buyers(cr)
