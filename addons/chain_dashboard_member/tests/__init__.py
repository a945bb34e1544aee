from . import test_lib_member_figures
from . import test_member_dashboard
from . import test_member_dashboard_tour
