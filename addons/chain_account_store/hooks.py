def post_init_hook(env):
    """Existing stores get their analytic account in the plan "Stores"; companies with a chart
    of accounts get their goods-in-transit account."""
    env["chain.store"].with_context(active_test=False).search([])._chain_ensure_analytic_account()
    for company in env["res.company"].search([]):
        company._chain_transit_account()
