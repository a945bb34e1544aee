from . import test_dashboard_summary
from . import test_dashboard_data
from . import test_dashboard_xlsx
from . import test_dashboard_subscription
from . import test_dashboard_tour
from . import test_dashboard_stock
from . import test_dashboard_guard
