from odoo import Command

IMPLIED = (
    ("chain_store.group_chain_store_user", "sales_team.group_sale_salesman"),
    ("chain_store.group_chain_store_manager", "sales_team.group_sale_salesman_all_leads"),
)


def post_init_hook(env):
    """Stores that exist when the addon is installed get their sales team."""
    env["chain.store"].with_context(active_test=False).search([])._chain_sync_sales_team()


def uninstall_hook(env):
    """Store staff no longer get Odoo's sales rights through their store groups (the users who
    have them keep them: an administrator removes them if the CRM is no longer used)."""
    for group_xmlid, implied_xmlid in IMPLIED:
        group = env.ref(group_xmlid, raise_if_not_found=False)
        implied = env.ref(implied_xmlid, raise_if_not_found=False)
        if group and implied:
            group.write({"implied_ids": [Command.unlink(implied.id)]})
