from . import test_member_orders
from . import test_member_points
