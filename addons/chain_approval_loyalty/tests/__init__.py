from . import test_promotion_approval
from . import test_promotion_rpc
