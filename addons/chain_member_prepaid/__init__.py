from . import models
from . import wizards


def post_init_hook(env):
    """Every company gets its customer-deposit accounts and its stored-value program."""
    env["res.company"].search([])._chain_prepaid_setup()
