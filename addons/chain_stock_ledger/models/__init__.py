from . import chain_stock_ledger_balance
from . import stock_move
from . import stock_move_line
from . import stock_valuation_layer
