from . import test_ledger
from . import test_ledger_access
from . import test_ledger_xlsx
from . import test_balance
