from . import test_ledger_deposit
