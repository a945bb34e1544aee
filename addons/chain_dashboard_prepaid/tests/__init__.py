from . import test_prepaid_dashboard
