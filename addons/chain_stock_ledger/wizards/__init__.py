from . import chain_stock_ledger
