from . import test_price_change_flow
from . import test_price_change_apply
from . import test_price_history
from . import test_price_change_access
from . import test_price_change_pos
from . import test_price_change_guard
