from . import test_dashboard_spreadsheet
from . import test_dashboard_tour
