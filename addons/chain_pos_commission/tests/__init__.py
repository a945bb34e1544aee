from . import test_lib_commission
from . import test_commission_month
from . import test_commission_rules
from . import test_guide
from . import test_commission_access
from . import test_pos_tour
from . import test_my_commission
