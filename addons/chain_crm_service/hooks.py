def post_init_hook(env):
    """Every existing store gets its helpdesk team (new stores get theirs when created)."""
    env["chain.store"].with_context(active_test=False).search([])._chain_sync_helpdesk_team()
