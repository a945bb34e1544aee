from . import test_count_flow
from . import test_count_blind
from . import test_count_plan
from . import test_count_access
from . import test_count_scan
from . import test_count_tour
from . import test_count_guard
