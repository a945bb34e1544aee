from . import test_target_dashboard
