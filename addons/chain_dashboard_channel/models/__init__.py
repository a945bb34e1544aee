from . import chain_dashboard
from . import chain_dashboard_channel_daily
from . import chain_dashboard_channel_daily_categ
from . import sale_order
