from . import test_followup_deposit
