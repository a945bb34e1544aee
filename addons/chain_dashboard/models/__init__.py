from . import chain_dashboard_summary
from . import chain_dashboard_daily
from . import chain_dashboard_daily_categ
from . import chain_dashboard
from . import chain_dashboard_stock
from . import chain_dashboard_last_sale
from . import pos_session
from . import chain_dashboard_subscription
