from . import chain_store_pnl_wizard
from . import chain_store_pnl_line
