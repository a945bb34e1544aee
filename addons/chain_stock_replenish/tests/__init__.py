from . import test_suggestion
from . import test_requisition
from . import test_allocation
from . import test_orderpoint_copy
from . import test_access
from . import test_migration
