from . import test_pos_lot_rule
from . import test_pos_load
from . import test_pos_stock
from . import test_pos_tour
from . import test_refused_guard
from . import test_pin_security
