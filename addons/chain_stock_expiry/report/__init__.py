from . import chain_expiry_worklist
from . import chain_stock_sellable
