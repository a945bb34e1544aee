from . import chain_recall
from . import chain_recall_store
from . import chain_recall_customer
from . import chain_recall_stock
from . import chain_recall_receipt
from . import stock_lot
