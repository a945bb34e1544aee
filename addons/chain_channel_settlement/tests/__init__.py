from . import test_invoicing
from . import test_settlement
from . import test_access
