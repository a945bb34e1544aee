from . import test_prepaid_bonus
