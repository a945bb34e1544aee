from . import models
from . import report
from . import wizards


def post_init_hook(env):
    """Give every existing store warehouse its quarantine location."""
    env["stock.warehouse"].search([("chain_store_id", "!=", False)])._chain_quarantine_location()
