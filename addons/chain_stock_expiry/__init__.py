from . import models
from . import report
from . import wizards


def post_init_hook(env):
    """Give every existing store warehouse its quarantine location."""
    env["stock.warehouse"].search([("chain_store_id", "!=", False)])._chain_quarantine_location()


def uninstall_hook(env):
    """Drop the indexes this addon put on product_expiry's lot dates (Odoo keeps them otherwise)."""
    env.cr.execute(
        "DROP INDEX IF EXISTS stock_lot__alert_date_index, stock_lot__expiration_date_index, "
        "stock_lot_chain_first_alert_idx"
    )
