from . import test_commission_accrual
