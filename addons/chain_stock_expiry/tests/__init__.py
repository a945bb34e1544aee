from . import test_policy
from . import test_receipt_gate
from . import test_gs1
from . import test_sellable
from . import test_quarantine
from . import test_worklist
from . import test_pos_lot
from . import test_expiry_guard
