from . import controllers
from . import models


def post_init_hook(env):
    """Every company gets its member points program, and every member its card."""
    for company in env["res.company"].search([]):
        env["loyalty.program"]._chain_member_program(company)
    env["chain.member"].with_context(active_test=False).search([])._chain_sync_loyalty_cards()
