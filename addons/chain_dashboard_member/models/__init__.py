from . import chain_dashboard
from . import chain_dashboard_daily
from . import chain_dashboard_daily_categ
from . import chain_member
from . import res_partner
