from . import test_lib_pnl
from . import test_store_analytic
from . import test_transit
from . import test_store_pnl
from . import test_taxes
