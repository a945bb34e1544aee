from datetime import timedelta

from odoo.addons.chain_dashboard_channel.models.chain_dashboard import CHANNEL_SUMMARY_MODELS

from . import models


def post_init_hook(env):
    """Installed on a database with channel history: the members' sales of the channel
    summaries' last 400 days are recomputed at once (before, they were 0)."""
    dashboard = env["chain.dashboard"]
    today = dashboard._chain_today()
    env.flush_all()
    dashboard._chain_apply_member_sales(
        CHANNEL_SUMMARY_MODELS, today - timedelta(days=400), today, dashboard._chain_tz()
    )
