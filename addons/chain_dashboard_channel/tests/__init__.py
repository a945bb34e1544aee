from . import test_channel_summary
from . import test_channel_dashboard
