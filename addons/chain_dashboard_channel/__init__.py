from datetime import timedelta

from odoo.tools import SQL

from . import models
from .models.chain_dashboard_channel_daily import SALE_ORDER_INDEXES


def post_init_hook(env):
    """Installed on a database with channel orders: summarise their last 400 days at once, as
    the POS summaries are, instead of waiting for the cron."""
    dashboard = env["chain.dashboard"]
    today = dashboard._chain_today()
    dashboard._chain_refresh_channel(today - timedelta(days=400), today)


def uninstall_hook(env):
    """Drop the partial indexes this addon put on sale_order (the table stays)."""
    for name in SALE_ORDER_INDEXES:
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
