from . import chain_dashboard
from . import chain_dashboard_daily
