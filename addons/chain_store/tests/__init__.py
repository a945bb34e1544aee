from . import test_lib_codes
from . import test_store
from . import test_access
from . import test_stock_flows
from . import test_product_quantity
from . import test_http_access
from . import test_guard
from . import test_lib_guard
