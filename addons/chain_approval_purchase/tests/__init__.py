from . import test_purchase_approval
from . import test_purchase_rpc
