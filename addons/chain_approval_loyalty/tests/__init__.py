from . import test_promotion_approval
