from datetime import timedelta

from . import models
from . import report


def post_init_hook(env):
    """Installed on a database with POS history (a partner's): summarise its last 400 days and
    the stock at once, as HQ's "Rebuild" does, instead of waiting for the cron."""
    dashboard = env["chain.dashboard"]
    today = dashboard._chain_today()
    dashboard._chain_rebuild(today - timedelta(days=400), today)
