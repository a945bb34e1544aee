from . import test_adapter
from . import test_webhook
from . import test_order_flow
from . import test_pull
from . import test_reconcile_orders
from . import test_allocation
from . import test_reconcile_stock
from . import test_webhook_hostile
