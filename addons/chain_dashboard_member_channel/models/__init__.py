from . import chain_dashboard_channel_daily
from . import chain_dashboard_channel_daily_categ
