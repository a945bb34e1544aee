from . import chain_stock_ledger_line
from . import chain_stock_ledger_xlsx
