from . import chain_member_deposit
from . import chain_stock_ledger_line
from . import chain_stock_count_line
