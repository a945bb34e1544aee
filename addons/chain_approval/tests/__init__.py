from . import test_lib_approval
from . import test_approval_engine
from . import test_approval_escalation
from . import test_approval_documents
from . import test_approval_requisition
from . import test_approval_price_change
from . import test_approval_values
from . import test_inbox_tour
