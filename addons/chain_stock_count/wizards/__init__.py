from . import chain_stock_count_scan
