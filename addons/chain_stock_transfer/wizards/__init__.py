from . import chain_stock_transfer_receive_wizard
from . import chain_stock_transfer_receive_line
from . import chain_stock_transfer_settle_wizard
