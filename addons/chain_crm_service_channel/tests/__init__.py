from . import test_refund_case
