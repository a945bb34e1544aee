def post_init_hook(env):
    """Stores that exist when the addon is installed get their sales team."""
    env["chain.store"].with_context(active_test=False).search([])._chain_sync_sales_team()
