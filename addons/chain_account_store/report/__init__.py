from . import chain_store_pnl
from . import chain_store_pnl_xlsx
