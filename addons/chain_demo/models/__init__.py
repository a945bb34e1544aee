from . import chain_store
from . import chain_stock_transfer
from . import chain_stock_count
