def post_init_hook(env):
    """Companies with a chart of accounts get their commission expense and accrued commission accounts."""
    for company in env["res.company"].search([]):
        company._chain_commission_accounts()
