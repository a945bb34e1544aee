from . import test_member_orders
from . import test_member_points
from . import test_member_messages
from . import test_member_spend
