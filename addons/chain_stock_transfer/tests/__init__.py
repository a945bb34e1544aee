from . import test_transfer_flow
from . import test_transfer_discrepancy
from . import test_transfer_access
from . import test_transfer_guard
