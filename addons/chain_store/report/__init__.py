from . import chain_store_stock_report
