from . import test_ledger_deposit
from . import test_count_deposit
