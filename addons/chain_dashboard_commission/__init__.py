from datetime import timedelta

from . import lib
from . import models


def post_init_hook(env):
    """Installed on a database with POS history: the formula sales of this month's and last
    month's summaries are computed at once (the targets are monthly)."""
    dashboard = env["chain.dashboard"]
    today = dashboard._chain_today()
    dashboard._chain_refresh_formula_sales((today.replace(day=1) - timedelta(days=1)).replace(day=1), today)
