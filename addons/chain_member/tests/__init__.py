from . import test_member
from . import test_member_access
from . import test_member_points
from . import test_member_points_concurrency
from . import test_member_tiers
from . import test_member_http
